/**
 * The engine: for the selected checks, gather the evidence they need (each gatherer at most
 * once, concurrently within a limit), then judge each check purely. A target that cannot be
 * reached fails the whole run fast (RunError → exit 2) with what was tried.
 *
 * Servers nobody has seen (docs/running-robustly.md):
 * - every request passes one RequestGate per target: `concurrency: 1` lets one request be in
 *   flight; by default the run is parallel, and when a step meets a server error while other
 *   requests overlapped it, the run turns serial at once and the step is tried again alone. If it
 *   succeeds alone, the rest of the run stays serial and that is reported once (RobustnessFinding);
 * - a failed step (a gatherer) is retried when the failure is transient (retry-policy.ts), then
 *   recorded once as a RootCause with its exchanges; each check it stopped names it.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { CheckResult, Exchange, RobustnessFinding, RootCause, SuiteRun } from '../../reports/run-result.js'
import { createDriver } from '../drivers/create-driver.js'
import type { LoginDriver } from '../drivers/driver.js'
import type { AnyCheck } from './check.js'
import { DriveError, type Evidence, type EvidenceKey, EvidenceUnavailable } from './evidence.js'
import type { AnyGatherer, GatherContext } from './gatherer.js'
import { HttpClient, parseJson, type RequestLoad, ResponseTooLarge, TargetUnreachable } from './http-client.js'
import { isObject } from './is-object.js'
import { errorResult, resultFromVerdict } from './outcome.js'
import { RequestGate, UNLIMITED } from './request-gate.js'
import {
  DEFAULT_RETRY_POLICY,
  isServerFailure,
  type RetryPolicy,
  retryDecision,
  transientReason,
} from './retry-policy.js'
import { artifactsOf, ERROR_RESULT_EXCHANGES, exchangesOf, failureKey, RootCauses, SetupFailed } from './root-causes.js'
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
  /** How many login flows may run at once (default 4); 1 is serial: one request in flight. */
  concurrency?: number
  /**
   * The gate shared with the other runs against this target (vitest's per-area runs in worker
   * threads get its buffer through `provide`); default: a gate of this run's own.
   */
  gate?: RequestGate | SharedArrayBuffer
  /** How failed steps are retried (default: 3 attempts, 250 ms then 1 s apart). */
  retry?: Partial<RetryPolicy>
  onResult?: (result: CheckResult, done: number, total: number) => void
}

/** Every secret the run knows, so recorded exchanges can be scrubbed of them wherever they appear. */
export function targetSecrets(target: TargetFile): string[] {
  return [
    ...target.clients.flatMap((client) => (client.client_secret ? [client.client_secret] : [])),
    ...target.users.map((user) => user.password),
  ].filter((secret) => secret.length >= 4)
}

/** What one attempt of one gatherer did: its exchanges, and the server errors among them. */
interface StepScope {
  exchanges: Exchange[]
  seen: Set<number>
  /** 5xx, 429 and unanswered requests, outside simultaneous-by-design bursts. */
  serverFailures: Exchange[]
  /** The first server failure while other requests overlapped it: the run went serial at once. */
  loadFailure?: { exchange: Exchange; overlapping: number }
  releaseSerial?: () => void
}

/** Which login failed, for errors thrown by the login driver itself (one cause however many steps meet it). */
interface LoginFailure {
  driver: string
  username: string
}

export async function runSuite(options: RunOptions): Promise<SuiteRun> {
  const { target } = options
  const startedAt = new Date().toISOString()
  const concurrency = options.concurrency ?? 4
  const gate =
    options.gate instanceof RequestGate
      ? options.gate
      : options.gate
        ? RequestGate.attach(options.gate)
        : RequestGate.create(concurrency === 1 ? 1 : UNLIMITED)
  if (concurrency === 1) gate.goSerial()
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry }
  const steps = new AsyncLocalStorage<StepScope>()
  const loginFailures = new WeakMap<object, LoginFailure>()
  const rootCauses = new RootCauses()
  const robustness: RobustnessFinding[] = []
  /** The last attempt of each gatherer that succeeded, for the evidence of a check that throws. */
  const gathered = new Map<string, StepScope>()

  const addToScope = (exchange: Exchange, load?: RequestLoad) => {
    const scope = steps.getStore()
    if (!scope || scope.seen.has(exchange.id)) return
    scope.seen.add(exchange.id)
    scope.exchanges.push(exchange)
    if (load?.simultaneous || !isServerFailure(exchange)) return
    scope.serverFailures.push(exchange)
    if (load && load.overlapping > 1 && !scope.loadFailure) {
      scope.loadFailure = { exchange, overlapping: load.overlapping }
      // Stop adding load now; the step is tried again alone once it ends.
      scope.releaseSerial = gate.hold()
    }
  }
  const http = new HttpClient({
    timeoutMs: target.timeouts.request,
    secrets: targetSecrets(target),
    headers: target.headers,
    limits: target.limits,
    gate,
    onExchange: addToScope,
  })
  const driver = loginHolding(
    await createDriver(target, http, options.baseDir ?? process.cwd()),
    http,
    (exchanges) => {
      for (const exchange of exchanges) addToScope(exchange)
    },
    (error, username, name) => loginFailures.set(error, { driver: name, username }),
  )
  const providers = new Map<EvidenceKey, AnyGatherer>()
  for (const gatherer of options.gatherers) {
    for (const key of gatherer.provides) {
      if (providers.has(key))
        throw new Error(`evidence "${key}" is provided by both ${providers.get(key)!.id} and ${gatherer.id}`)
      providers.set(key, gatherer)
    }
  }
  const running = new Map<string, Promise<Partial<Evidence>>>()
  const limit = semaphore(concurrency)

  const newScope = (): StepScope => ({ exchanges: [], seen: new Set(), serverFailures: [] })

  /** The step succeeded alone after failing under load: serial for good, reported once per target. */
  const noteRobustness = (failure: NonNullable<StepScope['loadFailure']>, alone: StepScope) => {
    gate.goSerial()
    if (!gate.claimFinding()) return
    const { exchange, overlapping } = failure
    const retried = alone.exchanges.find((candidate) => candidate.label === exchange.label)
    const answer = exchange.response ? `HTTP ${exchange.response.status}` : `no answer (${exchange.error})`
    robustness.push({
      step: exchange.label,
      concurrency: overlapping,
      message: `the target answered ${answer} to "${exchange.label}" while it overlapped ${overlapping - 1} other request${overlapping === 2 ? '' : 's'}, and the same step succeeded when retried alone: the rest of the run went serial (one request at a time)`,
      exchanges: [exchange, ...(retried ? [retried] : [])],
    })
  }

  const fail = (gatherer: AnyGatherer, scope: StepScope, error: unknown, attempts: number, why?: string) => {
    const login = typeof error === 'object' && error !== null ? loginFailures.get(error) : undefined
    const message = describeFailure(error)
    const answer = login ? undefined : refusal(scope.exchanges.at(-1))
    const cause = rootCauses.record({
      id: login ? `login:${login.driver}:${failureKey(message)}` : (answer ?? `gather:${gatherer.id}`),
      step: login
        ? `sign in as "${login.username}" with the ${login.driver} login driver`
        : (scope.exchanges.at(-1)?.label ?? `gather ${gatherer.id}`),
      message: `${message}${why ? `; ${why}` : ''}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}`,
      attempts,
      exchanges: [...scope.exchanges, ...exchangesOf(error).filter((exchange) => !scope.seen.has(exchange.id))],
      ...withArtifacts(artifactsOf(error)),
      ...withHint(hintFor(error, scope, Boolean(login), answer)),
    })
    return new SetupFailed(cause, error)
  }

  /** One gatherer, tried again alone after a failure under load and again after a transient failure. */
  const gatherStep = async (gatherer: AnyGatherer): Promise<Partial<Evidence>> => {
    let confirming: { failure: NonNullable<StepScope['loadFailure']>; release: () => void } | undefined
    for (let attempt = 1; ; attempt++) {
      const scope = newScope()
      let evidence: Partial<Evidence> | undefined
      let error: unknown
      try {
        evidence = (await steps.run(scope, () => gatherer.gather(context))) as Partial<Evidence>
      } catch (thrown) {
        error = thrown ?? new Error('the gatherer threw nothing')
      }
      if (confirming) {
        const alone = scope.serverFailures.length === 0 && (error === undefined || error instanceof EvidenceUnavailable)
        if (alone) noteRobustness(confirming.failure, scope)
        confirming.release()
        confirming = undefined
      }
      if (scope.loadFailure && attempt < policy.attempts) {
        confirming = { failure: scope.loadFailure, release: scope.releaseSerial ?? (() => {}) }
        continue
      }
      scope.releaseSerial?.()
      if (error === undefined) {
        gathered.set(gatherer.id, scope)
        return evidence!
      }
      // A step it needed failed: that cause, not a new one.
      if (error instanceof SetupFailed) throw error
      const transient = transientReason(error, scope.serverFailures)
      if (error instanceof EvidenceUnavailable && transient === undefined) throw error
      let why: string | undefined
      if (transient !== undefined) {
        const decision = retryDecision(policy, attempt, scope.exchanges)
        if (decision.retry) {
          await policy.sleep(decision.delayMs)
          continue
        }
        why = decision.reason
      }
      if (error instanceof EvidenceUnavailable) throw error
      throw fail(gatherer, scope, error, attempt, why)
    }
  }

  const context: GatherContext = {
    target,
    http,
    driver,
    limit,
    simultaneously: (exemption, task) => http.simultaneously(exemption, task),
    need: async (key) => {
      const gatherer = providers.get(key)
      if (!gatherer) throw new Error(`no gatherer provides evidence "${key}"`)
      let promise = running.get(gatherer.id)
      if (!promise) {
        promise = gatherStep(gatherer)
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
        const result = await judge(check, context, rootCauses, (ids) =>
          ids.flatMap((id) => gathered.get(id)?.exchanges ?? []),
        )
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
      rootCauses: rootCauses.list(),
      robustness,
    }
  } finally {
    await driver.close?.()
  }

  async function judge(
    check: AnyCheck,
    context: GatherContext,
    causes: RootCauses,
    evidenceExchanges: (gathererIds: string[]) => Exchange[],
  ): Promise<CheckResult> {
    const started = performance.now()
    const skipReason = context.target.skip[check.id]
    if (skipReason)
      return resultFromVerdict(check, { kind: 'skip', reason: `skipped by the target file: ${skipReason}` }, 0)
    // Settled in `needs` order, so that the cause a check names does not depend on timing.
    const settled = await Promise.allSettled(check.needs.map((key) => context.need(key)))
    const rejected = settled.flatMap((entry) => (entry.status === 'rejected' ? [entry.reason as unknown] : []))
    const setup = rejected.find((reason): reason is SetupFailed => reason instanceof SetupFailed)
    if (setup) {
      const cause = setup.rootCause
      causes.block(cause.id, check.id)
      return errorResult(check, cause.message, performance.now() - started, {
        id: cause.id,
        exchanges: cause.exchanges.slice(-ERROR_RESULT_EXCHANGES),
      })
    }
    const unavailable = rejected.find((reason) => reason instanceof EvidenceUnavailable)
    if (unavailable)
      return resultFromVerdict(check, { kind: 'skip', reason: unavailable.reason }, performance.now() - started)
    const providersOf = check.needs.flatMap((key) => (providers.get(key) ? [providers.get(key)!.id] : []))
    const ownCause = (message: string) => {
      const cause = causes.record({
        id: `check:${check.id}`,
        step: `judge ${check.id}`,
        message,
        attempts: 1,
        exchanges: evidenceExchanges(providersOf),
      })
      causes.block(cause.id, check.id)
      return errorResult(check, message, performance.now() - started, {
        id: cause.id,
        exchanges: cause.exchanges.slice(-ERROR_RESULT_EXCHANGES),
      })
    }
    if (rejected.length > 0) return ownCause(`internal error while gathering evidence: ${messageOf(rejected[0])}`)
    const evidence = Object.fromEntries(
      check.needs.map((key, index) => [key, (settled[index] as PromiseFulfilledResult<unknown>).value]),
    )
    try {
      const verdict = check.evaluate(evidence as never, { target: context.target })
      return resultFromVerdict(check, verdict, performance.now() - started)
    } catch (error) {
      return ownCause(`the check itself threw: ${messageOf(error)}`)
    }
  }
}

async function probeReachability(context: GatherContext): Promise<void> {
  try {
    await context.need('discovery')
  } catch (error) {
    const original = error instanceof SetupFailed ? error.original : error
    if (original instanceof TargetUnreachable) {
      throw new RunError(
        `the target is unreachable: tried ${original.exchange.request.method} ${original.exchange.request.url} and got ${original.exchange.error}`,
      )
    }
    if (original instanceof DriveError) throw new RunError(original.message)
    if (!(error instanceof SetupFailed)) throw error
  }
}

/**
 * The login driver, each login holding one slot of the gate (in serial mode nothing else runs
 * meanwhile, the browser's own requests included), its exchanges counted in the step that asked
 * for it, and the errors it throws itself marked as login failures.
 */
function loginHolding(
  driver: LoginDriver,
  http: HttpClient,
  addExchanges: (exchanges: readonly Exchange[]) => void,
  markLoginFailure: (error: object, username: string, driver: string) => void,
): LoginDriver {
  return {
    name: driver.name,
    authorize: (input) =>
      http.occupy(
        async () => {
          try {
            const result = await driver.authorize(input)
            addExchanges(result.exchanges)
            return result
          } catch (error) {
            addExchanges(exchangesOf(error))
            if (error instanceof DriveError) markLoginFailure(error, input.user.username, driver.name)
            throw error
          }
        },
        { opaque: driver.name === 'browser' },
      ),
    ...(driver.close ? { close: () => driver.close!() } : {}),
  }
}

/**
 * When a step stopped on an error answer (its last exchange: 4xx, 5xx, no answer), the cause is
 * that answer, whichever step met it: `http:POST /token 401 invalid_client` is one cause for every
 * flow a wrong client secret stops, not one per flow.
 */
function refusal(last: Exchange | undefined): string | undefined {
  if (!last) return undefined
  let path: string
  try {
    path = new URL(last.request.url).pathname
  } catch {
    return undefined
  }
  const status = last.response?.status
  if (status !== undefined && status < 400) return undefined
  const body = last.response ? parseJson(last.response.body) : undefined
  const code =
    isObject(body) && typeof body.error === 'string' && /^[\w.-]{1,64}$/.test(body.error) ? body.error : undefined
  return `http:${last.request.method} ${path} ${status ?? 'no-answer'}${code ? ` ${code}` : ''}`
}

function describeFailure(error: unknown): string {
  return error instanceof DriveError || error instanceof TargetUnreachable
    ? `could not drive the target: ${error.message}`
    : `internal error while gathering evidence: ${messageOf(error)}`
}

function hintFor(error: unknown, scope: StepScope, login: boolean, answer?: string): string | undefined {
  if (answer?.endsWith(' invalid_client'))
    return "the target refused the client's credentials: check client_secret and token_endpoint_auth_method in the target file"
  if (error instanceof TargetUnreachable)
    return 'the target did not answer: is it running, and is the issuer URL in the target file right?'
  if (error instanceof ResponseTooLarge)
    return 'the target sent more than the runner reads: if responses that large are legitimate, raise limits.maxResponseBytes in the target file'
  if (scope.serverFailures.length > 0)
    return 'the target answered with server errors: its log says why; if it fails only under load, run with --concurrency 1'
  if (login) return 'check the user (username, password) and the login settings (driver, selectors) in the target file'
  return undefined
}

function withArtifacts(artifacts: RootCause['artifacts'] | undefined): Pick<RootCause, 'artifacts'> {
  return artifacts ? { artifacts } : {}
}

function withHint(hint: string | undefined): Pick<RootCause, 'hint'> {
  return hint ? { hint } : {}
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
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
