/**
 * `codeflow client`: signs the partner's app in through the mock IdP once per client check, with
 * one deviation armed per sign-in, and collects a SuiteRun the reports/ code writes like a server
 * run (kind "client").
 *
 * Order: the app starts (placeholders filled, a free port picked); a baseline sign-in without any
 * deviation proves the whole loop works — if it fails, that is ONE root cause and every check is
 * `error` (the run is incomplete, exit 2), like the server suite's preflight; a second normal
 * sign-in follows (caching, fresh state and nonce); then one sign-in per check, serially (they
 * share the app), each after `reset()` so no arming, session or key rotation leaks into the next;
 * the key rotation runs last. Discovery and JWK Set deviations each get a fresh issuer and an app
 * started for it, when the app is started with `{issuer}` (otherwise they are skipped with the
 * reason): with `app.port: "auto"` that app gets a port of its own and runs beside the main
 * sign-ins, a few at once; with a fixed port, the main app makes room for each in turn at the end.
 */
import { randomBytes } from 'node:crypto'
import type { CheckResult, Exchange, RootCause, SuiteRun } from '../reports/run-result.js'
import type { Verdict } from '../suites/harness/check.js'
import { outcomeOf } from '../suites/harness/outcome.js'
import { AppLog } from './app/app-log.js'
import { AppStartError, type RunningApp, startApp } from './app/app-process.js'
import { freePort } from './app/free-port.js'
import { clientChecks, selectClientChecks } from './checks/catalog.js'
import type { ClientCheck, ObservedEvidence, SignInCheck } from './checks/client-check.js'
import { signInProfile } from './checks/sign-in-profile.js'
import { type SignInVerdict, signInVerdict } from './checks/verdict.js'
import { startEmbeddedIdp } from './idp/embedded-idp.js'
import type { IdpConnection, IssuerHandle } from './idp/idp-connection.js'
import { connectRemoteIdp } from './idp/remote-idp.js'
import { readOutcome, type SignInOutcome } from './outcome/read-outcome.js'
import { clientCredentials, deployment, issuerConfig } from './registration.js'
import { createSignInDriver } from './sign-in/create-driver.js'
import { redactUrl } from './sign-in/redacted-exchange.js'
import { type SignInDriver, SignInError, type SignInResult } from './sign-in/sign-in-driver.js'
import type { ClientTarget } from './target/client-target.js'
import { fillPlaceholders, type PlaceholderValues, usesPlaceholder } from './target/placeholders.js'

export interface ClientRunOptions {
  target: ClientTarget
  /** The client target file's folder: the app's cwd and the driver modules are relative to it. */
  baseDir: string
  only?: string[]
  skip?: string[]
  /** A running mock IdP (with its control API on) instead of the embedded one. */
  issuerUrl?: string
  controlToken?: string
  onProgress?: (message: string) => void
}

export interface ClientRunResult {
  run: SuiteRun
  /** Literal secrets of the run (client secret, password): scrubbed from every report. */
  secrets: string[]
}

export const BASELINE_CAUSE_ID = 'client:baseline-sign-in'
export const APP_CAUSE_ID = 'client:start-app'
const RESULT_EXCHANGES = 25
const LOG_LINES_IN_EVIDENCE = 20
/** Fresh issuers (each with its own app on its own port) in flight beside the main sign-ins. */
const FRESH_ISSUERS_AT_ONCE = 2

interface SignInAttempt {
  ok: true
  result: SignInResult
  outcome: SignInOutcome
  requests: Awaited<ReturnType<IssuerHandle['requests']>>
  logLines: string[]
}
interface FailedAttempt {
  ok: false
  message: string
  exchanges: Exchange[]
  logLines: string[]
}

export async function runClientChecks(options: ClientRunOptions): Promise<ClientRunResult> {
  const { target } = options
  const startedAt = new Date().toISOString()
  const { selected } = selectClientChecks(clientChecks, options.only, options.skip)
  const progress = options.onProgress ?? (() => {})
  const runId = randomBytes(4).toString('hex')

  const credentials = clientCredentials(target, runId)
  const { clientId, clientSecret } = credentials
  const user = target.user
  const secrets = [clientSecret, user?.password].filter((value): value is string => value !== undefined)
  const autoPort = target.app?.port === 'auto'
  const mainPort = target.app ? (autoPort ? await freePort() : (target.app.port as number)) : undefined
  const mainDeployment = deployment(target, credentials, mainPort)
  const registration = mainDeployment.registration

  const idp: IdpConnection = options.issuerUrl
    ? await connectRemoteIdp(options.issuerUrl, options.controlToken)
    : await startEmbeddedIdp()
  const log = new AppLog(() => secrets)
  let app: RunningApp | undefined
  let driver: SignInDriver | undefined
  let main: IssuerHandle | undefined
  const results = new Map<string, CheckResult>()
  const rootCauses: RootCause[] = []
  const finish = (issuer: string): ClientRunResult => ({
    run: {
      kind: 'client',
      target: { name: target.name, issuer },
      startedAt,
      finishedAt: new Date().toISOString(),
      results: selected.map((check) => results.get(check.id)!),
      rootCauses,
      robustness: [],
    },
    secrets,
  })
  const blockAll = (cause: RootCause) => {
    for (const check of selected)
      if (!results.has(check.id)) {
        results.set(check.id, errorResult(check, cause.message, cause.id))
        cause.blocked.push(check.id)
      }
    rootCauses.push(cause)
  }

  try {
    main = await idp.addIssuer(`client-${runId}`, issuerConfig(target, registration))
    const values = { ...mainDeployment.values, issuer: main.issuer }
    const signInUser = user ?? main.firstUser()!
    const start = fillPlaceholders(target.signIn.start, values, 'signIn.start')
    const startApplication = async (appValues: PlaceholderValues, appStart: string, appLog: AppLog) => {
      if (!target.app) return undefined
      progress(`starting the app for ${appValues.issuer}`)
      return startApp({
        app: target.app,
        baseDir: options.baseDir,
        values: appValues,
        fallbackReadyUrl: `${new URL(appStart).origin}/`,
        timeoutMs: target.timeouts.app,
        secrets: () => secrets,
        log: appLog,
      })
    }
    try {
      app = await startApplication(values, start, log)
    } catch (error) {
      blockAll({
        id: APP_CAUSE_ID,
        step: 'start the app (app.command)',
        message: error instanceof Error ? error.message : String(error),
        attempts: 1,
        exchanges: [],
        blocked: [],
        hint: `check app.command, app.env and app.ready in the client target file; the app's last output:\n${(error instanceof AppStartError ? error.log : []).join('\n')}`,
      })
      return finish(main.issuer)
    }
    driver = await createSignInDriver(target, options.baseDir)

    // A refusal read from the app's log needs the sign-in's own lines, however late they come.
    const waitForLog = target.app !== undefined && target.outcome.refusal?.log !== undefined
    const signIn = async (
      handle: IssuerHandle,
      arm: () => Promise<void>,
      signInStart = start,
      appLog = log,
    ): Promise<SignInAttempt | FailedAttempt> => {
      await handle.reset()
      await arm()
      const mark = appLog.mark()
      const signal = AbortSignal.timeout(target.timeouts.signIn)
      try {
        const result = await driver!.signIn({ start: signInStart, issuer: handle.issuer, user: signInUser, signal })
        if (waitForLog) await appLog.settled()
        const logLines = appLog.since(mark)
        return {
          ok: true,
          result,
          outcome: readOutcome(result.page, logLines, target.outcome),
          requests: await handle.requests({ redact: false }),
          logLines,
        }
      } catch (error) {
        if (waitForLog) await appLog.settled()
        return {
          ok: false,
          message: error instanceof Error ? error.message : String(error),
          exchanges: error instanceof SignInError ? error.exchanges : [],
          logLines: appLog.since(mark),
        }
      }
    }

    progress('baseline sign-in (no deviation)')
    const baseline = await signIn(main, async () => {})
    if (!baseline.ok || baseline.outcome.kind !== 'signed-in') {
      const why = !baseline.ok ? baseline.message : baselineProblem(baseline)
      blockAll({
        id: BASELINE_CAUSE_ID,
        step: 'sign the user in once without any deviation',
        message: `the normal sign-in failed: ${why}`,
        attempts: 1,
        exchanges: baseline.ok ? baseline.result.exchanges.slice(0, RESULT_EXCHANGES) : baseline.exchanges,
        blocked: [],
        hint: `check signIn.start, outcome.success and the user; the app's output during the sign-in:\n${baseline.logLines.slice(-LOG_LINES_IN_EVIDENCE).join('\n')}`,
      })
      return finish(main.issuer)
    }
    progress('second normal sign-in')
    const repeat = await signIn(main, async () => {})
    const profile = signInProfile(baseline.requests)

    // Discovery and JWK Set deviations: a fresh issuer each, and the app started for it.
    const freshChecks = selected.filter(
      (check): check is SignInCheck => check.kind !== 'observed' && check.arming.kind === 'fresh-issuer',
    )
    const restartable =
      target.app !== undefined &&
      (usesPlaceholder(target.app.command, 'issuer') ||
        Object.values(target.app.env).some((value) => usesPlaceholder(value, 'issuer')))
    const runFresh = async (check: SignInCheck, index: number): Promise<void> => {
      const reason = restartable
        ? check.notApplicable?.(profile)
        : 'needs an app the runner starts with {issuer} (in app.command or app.env): the app reads the provider metadata and the JWK Set before a deviation could be armed, so it runs on a fresh issuer with the app restarted'
      if (reason !== undefined) {
        results.set(check.id, skippedResult(check, reason))
        return
      }
      progress(`${check.id} (fresh issuer)`)
      const started = performance.now()
      const arming = check.arming as Extract<SignInCheck['arming'], { kind: 'fresh-issuer' }>
      // With a port of its own the app for this issuer runs beside the main one; else in its place.
      const own = autoPort ? deployment(target, credentials, await freePort()) : mainDeployment
      const fresh = await idp.addIssuer(
        `client-${runId}-${index + 1}`,
        issuerConfig(target, own.registration, {
          ...(arming.behaviours ? { behaviours: arming.behaviours } : {}),
          ...(arming.config ? { config: arming.config } : {}),
        }),
      )
      const freshValues = { ...own.values, issuer: fresh.issuer }
      const freshStart = fillPlaceholders(target.signIn.start, freshValues, 'signIn.start')
      const freshLog = new AppLog(() => secrets)
      let freshApp: RunningApp | undefined
      try {
        try {
          freshApp = await startApplication(freshValues, freshStart, freshLog)
        } catch (error) {
          if (!(error instanceof AppStartError)) throw error
          // An app that will not start against the deviation has refused it.
          const outcome: SignInOutcome = { kind: 'refused', matched: [`the app did not start: ${error.message}`] }
          const verdict = signInVerdict(check, outcome)
          results.set(check.id, fromVerdict(check, verdict, performance.now() - started, [], error.log, rootCauses))
          return
        }
        const attempt = await signIn(fresh, async () => {}, freshStart, freshLog)
        results.set(check.id, judged(check, attempt, performance.now() - started, rootCauses))
      } finally {
        await freshApp?.stop()
        await fresh.remove().catch(() => {})
      }
    }
    const runFreshOrError = (check: SignInCheck, index: number) =>
      runFresh(check, index).catch((error: unknown) => {
        const cause: RootCause = {
          id: `client:fresh-issuer:${check.id}`,
          step: `set up a fresh issuer for ${check.id}`,
          message: error instanceof Error ? error.message : String(error),
          attempts: 1,
          exchanges: [],
          blocked: [check.id],
        }
        rootCauses.push(cause)
        results.set(check.id, errorResult(check, cause.message, cause.id))
      })
    const freshAlongside = autoPort ? inPool(freshChecks, FRESH_ISSUERS_AT_ONCE, runFreshOrError) : undefined

    let afterRotation: ObservedEvidence['afterRotation']
    const mainChecks = selected
      .filter((check): check is SignInCheck => check.kind !== 'observed' && check.arming.kind !== 'fresh-issuer')
      .sort((a, b) => Number(a.arming.kind === 'rotate-keys') - Number(b.arming.kind === 'rotate-keys'))
    for (const check of mainChecks) {
      const reason = check.notApplicable?.(profile)
      if (reason !== undefined) {
        results.set(check.id, skippedResult(check, reason))
        continue
      }
      progress(check.id)
      const started = performance.now()
      const attempt = await signIn(main, () => arm(main!, check, clientId))
      results.set(check.id, judged(check, attempt, performance.now() - started, rootCauses))
      if (check.arming.kind === 'rotate-keys' && attempt.ok)
        afterRotation = { requests: attempt.requests, signedIn: attempt.outcome.kind === 'signed-in' }
    }

    const evidence: ObservedEvidence = {
      registration,
      baseline: baseline.requests,
      repeat: repeat.ok ? repeat.requests : undefined,
      afterRotation,
      visitedUrls: baseline.result.urls,
    }
    for (const check of selected) {
      if (check.kind !== 'observed') continue
      const started = performance.now()
      results.set(check.id, resultOf(check, check.evaluate(evidence), performance.now() - started, []))
    }

    if (freshAlongside) await freshAlongside
    else if (freshChecks.length > 0) {
      // A fixed port: the main app makes room for each fresh issuer's app in turn.
      if (restartable) {
        await app?.stop()
        app = undefined
      }
      for (const [index, check] of freshChecks.entries()) await runFreshOrError(check, index)
    }
    return finish(main.issuer)
  } finally {
    await driver?.close().catch(() => {})
    await app?.stop()
    await main?.remove().catch(() => {})
    await idp.close()
  }
}

/** Runs `task` over `items`, at most `limit` at once; resolves when all are done (a task never rejects the others). */
async function inPool<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      await task(items[index]!, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

function baselineProblem(attempt: SignInAttempt): string {
  const page = `${attempt.result.page.status} at ${redactUrl(attempt.result.page.url)}`
  if (attempt.outcome.kind === 'refused')
    return `the app did not sign the user in: the final page (${page}) does not meet outcome.success (${attempt.outcome.matched.join(', ')})`
  return attempt.outcome.kind === 'unexplained' ? attempt.outcome.message : `the final page was ${page}`
}

async function arm(handle: IssuerHandle, check: SignInCheck, clientId: string): Promise<void> {
  const arming = check.arming
  switch (arming.kind) {
    case 'behaviour':
      for (const override of arming.with ?? []) await handle.use(override)
      await handle.use({ behaviour: arming.behaviour, ...(arming.endpoint ? { endpoint: arming.endpoint } : {}) })
      return
    case 'overrides':
      for (const override of arming.build({ now: await handle.now(), clientId })) await handle.use(override)
      return
    case 'rotate-keys':
      await handle.rotateKeys({ graceMs: arming.graceMs })
      return
    case 'fresh-issuer':
      return
  }
}

function judged(
  check: SignInCheck,
  attempt: SignInAttempt | FailedAttempt,
  durationMs: number,
  rootCauses: RootCause[],
): CheckResult {
  if (!attempt.ok) {
    const cause: RootCause = {
      id: `client:sign-in:${check.id}`,
      step: `sign in with ${check.id} armed`,
      message: `the sign-in could not be driven: ${attempt.message}`,
      attempts: 1,
      exchanges: attempt.exchanges.slice(0, RESULT_EXCHANGES),
      blocked: [check.id],
      ...(attempt.logLines.length > 0
        ? { hint: `the app's output during the sign-in:\n${attempt.logLines.slice(-LOG_LINES_IN_EVIDENCE).join('\n')}` }
        : {}),
    }
    rootCauses.push(cause)
    return { ...errorResult(check, cause.message, cause.id), durationMs }
  }
  const verdict = signInVerdict(check, attempt.outcome)
  return fromVerdict(
    check,
    verdict,
    durationMs,
    attempt.result.exchanges,
    attempt.logLines,
    rootCauses,
    attempt.result.page,
  )
}

function fromVerdict(
  check: SignInCheck,
  verdict: SignInVerdict,
  durationMs: number,
  exchanges: Exchange[],
  logLines: string[],
  rootCauses: RootCause[],
  page?: SignInResult['page'],
): CheckResult {
  const finalPage = page ? { finalPage: { status: page.status, url: redactUrl(page.url) } } : {}
  const appLog = logLines.length > 0 ? { appLog: logLines.slice(-LOG_LINES_IN_EVIDENCE) } : {}
  if (verdict.kind === 'error') {
    const cause: RootCause = {
      id: `client:outcome:${check.id}`,
      step: `read the outcome of the sign-in with ${check.id} armed`,
      message: verdict.message,
      attempts: 1,
      exchanges: exchanges.slice(0, RESULT_EXCHANGES),
      blocked: [check.id],
      hint: 'add outcome.refusal matchers that recognise how the app shows a failed sign-in (a status, a text, a log line)',
    }
    rootCauses.push(cause)
    return { ...errorResult(check, verdict.message, cause.id), durationMs }
  }
  const actual = verdict.kind === 'skip' ? undefined : { ...(verdict.actual as object), ...finalPage, ...appLog }
  return resultOf(check, verdict.kind === 'skip' ? verdict : { ...verdict, actual }, durationMs, exchanges)
}

function resultOf(check: ClientCheck, verdict: Verdict, durationMs: number, exchanges: Exchange[]): CheckResult {
  const base = baseOf(check)
  if (verdict.kind === 'skip')
    return { ...base, outcome: 'skipped', message: verdict.reason, exchanges: [], durationMs }
  return {
    ...base,
    ...outcomeOf(verdict, check.level),
    ...(verdict.message === undefined ? {} : { message: verdict.message }),
    ...(verdict.expected === undefined ? {} : { expected: verdict.expected }),
    ...(verdict.actual === undefined ? {} : { actual: verdict.actual }),
    exchanges: exchanges.slice(0, RESULT_EXCHANGES),
    durationMs,
  }
}

function baseOf(check: ClientCheck) {
  return { id: check.id, title: check.title, area: check.area, level: check.level, spec: check.spec }
}

function skippedResult(check: ClientCheck, reason: string): CheckResult {
  return { ...baseOf(check), outcome: 'skipped', message: reason, exchanges: [], durationMs: 0 }
}

function errorResult(check: ClientCheck, message: string, rootCause: string): CheckResult {
  return { ...baseOf(check), outcome: 'error', message, exchanges: [], durationMs: 0, rootCause }
}
