/**
 * The engine: for the selected checks, gather the evidence they need (each gatherer at most
 * once, concurrently within a limit), then judge each check purely. A target that cannot be
 * reached fails the whole run fast (RunError → exit 2) with what was tried.
 */
import { createDriver } from '../drivers/create-driver.js'
import type { AnyCheck } from './check.js'
import { DriveError, type Evidence, type EvidenceKey, EvidenceUnavailable } from './evidence.js'
import type { AnyGatherer, GatherContext } from './gatherer.js'
import { HttpClient, TargetUnreachable } from './http-client.js'
import { type CheckResult, errorResult, type RobustnessFinding, type RootCause, resultFromVerdict } from './outcome.js'
import type { TargetFile } from './target.js'

export class RunError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RunError'
  }
}

export interface RunOptions {
  target: TargetFile
  checks: AnyCheck[]
  gatherers: AnyGatherer[]
  /** Directory of the target file, for the module driver's relative path. */
  baseDir?: string
  /** How many login flows may run at once (default 4). */
  concurrency?: number
  onResult?: (result: CheckResult, done: number, total: number) => void
}

export interface SuiteRun {
  target: { name: string; issuer: string }
  startedAt: string
  finishedAt: string
  results: CheckResult[]
  /** Why checks ended in `error`, each once (see RootCause). */
  rootCauses: RootCause[]
  /** Set when the run fell back to serial execution because the target failed under parallel load. */
  robustness: RobustnessFinding[]
}

/** Every secret the run knows, so recorded exchanges can be scrubbed of them wherever they appear. */
export function targetSecrets(target: TargetFile): string[] {
  return [
    ...target.clients.flatMap((client) => (client.client_secret ? [client.client_secret] : [])),
    ...target.users.map((user) => user.password),
  ].filter((secret) => secret.length >= 4)
}

export async function runSuite(options: RunOptions): Promise<SuiteRun> {
  const { target } = options
  const startedAt = new Date().toISOString()
  const http = new HttpClient({
    timeoutMs: target.timeouts.request,
    secrets: targetSecrets(target),
    headers: target.headers,
  })
  const driver = await createDriver(target, http, options.baseDir ?? process.cwd())
  const providers = new Map<EvidenceKey, AnyGatherer>()
  for (const gatherer of options.gatherers) {
    for (const key of gatherer.provides) {
      if (providers.has(key))
        throw new Error(`evidence "${key}" is provided by both ${providers.get(key)!.id} and ${gatherer.id}`)
      providers.set(key, gatherer)
    }
  }
  const running = new Map<string, Promise<Partial<Evidence>>>()
  const limit = semaphore(options.concurrency ?? 4)
  const context: GatherContext = {
    target,
    http,
    driver,
    limit,
    need: async (key) => {
      const gatherer = providers.get(key)
      if (!gatherer) throw new Error(`no gatherer provides evidence "${key}"`)
      let promise = running.get(gatherer.id)
      if (!promise) {
        promise = gatherer.gather(context) as Promise<Partial<Evidence>>
        running.set(gatherer.id, promise)
      }
      const evidence = await promise
      return evidence[key] as Evidence[typeof key]
    },
  }

  try {
    await probeReachability(context)
    const selected = options.checks
    let done = 0
    const results = await Promise.all(
      selected.map(async (check) => {
        const result = await judge(check, context)
        done++
        options.onResult?.(result, done, selected.length)
        return result
      }),
    )
    return {
      target: { name: target.name, issuer: target.issuer },
      startedAt,
      finishedAt: new Date().toISOString(),
      results,
      rootCauses: [],
      robustness: [],
    }
  } finally {
    await driver.close?.()
  }
}

async function probeReachability(context: GatherContext): Promise<void> {
  try {
    await context.need('discovery')
  } catch (error) {
    if (error instanceof TargetUnreachable) {
      throw new RunError(
        `the target is unreachable: tried ${error.exchange.request.method} ${error.exchange.request.url} and got ${error.exchange.error}`,
      )
    }
    if (error instanceof DriveError) throw new RunError(error.message)
    throw error
  }
}

async function judge(check: AnyCheck, context: GatherContext): Promise<CheckResult> {
  const started = performance.now()
  const skipReason = context.target.skip[check.id]
  if (skipReason)
    return resultFromVerdict(check, { kind: 'skip', reason: `skipped by the target file: ${skipReason}` }, 0)
  let evidence: Record<string, unknown>
  try {
    const values = await Promise.all(check.needs.map((key) => context.need(key)))
    evidence = Object.fromEntries(check.needs.map((key, index) => [key, values[index]]))
  } catch (error) {
    const durationMs = performance.now() - started
    if (error instanceof EvidenceUnavailable)
      return resultFromVerdict(check, { kind: 'skip', reason: error.reason }, durationMs)
    const message =
      error instanceof DriveError || error instanceof TargetUnreachable
        ? `could not drive the target: ${error.message}`
        : `internal error while gathering evidence: ${error instanceof Error ? error.message : String(error)}`
    return errorResult(check, message, durationMs)
  }
  try {
    const verdict = check.evaluate(evidence as never, { target: context.target })
    return resultFromVerdict(check, verdict, performance.now() - started)
  } catch (error) {
    return errorResult(
      check,
      `the check itself threw: ${error instanceof Error ? error.message : String(error)}`,
      performance.now() - started,
    )
  }
}

function semaphore(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0
  const queue: Array<() => void> = []
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((resolve) => queue.push(resolve))
    active++
    try {
      return await task()
    } finally {
      active--
      queue.shift()?.()
    }
  }
}
