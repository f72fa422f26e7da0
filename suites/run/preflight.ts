/**
 * Before a conformance run (and as `codeflow doctor`): prove in seconds that the suite can drive
 * the target — the login driver starts, discovery and the JWK Set answer, and one complete login
 * succeeds for each client and each user (authorization request, login and consent pages, the
 * redirect back with a code, the code redeemed). What was seen at each step is kept, so a failure
 * is explained once, with what the page contained, instead of as one `error` per check.
 */

import type { Exchange, RootCause, SuiteRun } from '../../reports/run-result.js'
import { createDriver } from '../drivers/create-driver.js'
import type { DriverStep, LoginDriver } from '../drivers/driver.js'
import { type AuthorizationAttempt, authorize } from '../flows/code-flow.js'
import { discoveryGatherer, jwksGatherer } from '../flows/discover.js'
import { redeemCode } from '../flows/token-calls.js'
import type { AnyCheck } from '../harness/check.js'
import { DriveError, type Evidence, type EvidenceKey, EvidenceUnavailable } from '../harness/evidence.js'
import type { GatherContext } from '../harness/gatherer.js'
import { HttpClient, TargetUnreachable } from '../harness/http-client.js'
import { errorResult } from '../harness/outcome.js'
import { targetSecrets } from '../harness/run-suite.js'
import type { TargetClient, TargetFile, TargetUser } from '../harness/target.js'

/** How many of the last exchanges a failed preflight keeps as evidence. */
const MAX_EVIDENCE = 10

export interface PreflightReport {
  target: { name: string; issuer: string }
  ok: boolean
  /** Why the suite cannot drive the target, in one sentence (undefined when `ok`). */
  problem?: string
  /** The last exchanges before the problem (redacted), as its evidence. */
  exchanges: Exchange[]
  discovery?: PreflightItem
  jwks?: PreflightItem
  logins: PreflightLogin[]
}

/** One thing checked: `ok` false with `fatal` stops the run; `ok` false alone is a warning the checks will judge. */
export interface PreflightItem {
  ok: boolean
  fatal?: boolean
  /** What was seen, e.g. "GET https://op/.well-known/openid-configuration → 200 application/json". */
  summary: string
}

export interface PreflightLogin {
  /** "clients[1] codeflow-post" and "users[0] alice". */
  client: string
  user: string
  ok: boolean
  /** What the login driver went through, page by page. */
  steps: DriverStep[]
  /** The token request that redeemed the code, when it got that far. */
  token?: PreflightItem
  problem?: string
}

export async function preflight(target: TargetFile, baseDir: string): Promise<PreflightReport> {
  const report: PreflightReport = {
    target: { name: target.name, issuer: target.issuer },
    ok: true,
    logins: [],
    exchanges: [],
  }
  const http = new HttpClient({
    timeoutMs: target.timeouts.request,
    secrets: targetSecrets(target),
    headers: target.headers,
    limits: target.limits,
  })
  const fail = (problem: string): PreflightReport => ({
    ...report,
    ok: false,
    problem,
    exchanges: http.exchanges.slice(-MAX_EVIDENCE),
  })
  let driver: LoginDriver
  try {
    driver = await createDriver(target, http, baseDir)
  } catch (error) {
    return fail(`the login driver "${target.login.driver}" could not start: ${(error as Error).message}`)
  }
  try {
    const context = preflightContext(target, http, driver)

    try {
      const discovery = await context.need('discovery')
      report.discovery = discovery.url
        ? {
            ok: discovery.status === 200 && discovery.metadata !== undefined,
            summary: `GET ${discovery.url} → ${discovery.status}${discovery.contentType ? ` ${discovery.contentType}` : ''}${discovery.metadata ? '' : ', not a JSON object (the endpoints come from the target file)'}`,
          }
        : { ok: true, summary: 'no discovery (discovery: false): the endpoints come from the target file' }
    } catch (error) {
      report.discovery = { ok: false, fatal: true, summary: unreachableOr(error, 'discovery') }
      return fail(report.discovery.summary)
    }

    try {
      const jwks = await context.need('jwks')
      const count = jwks.keys?.length
      report.jwks = {
        ok: jwks.status === 200 && (count ?? 0) > 0,
        summary: `GET ${jwks.url} → ${jwks.status}${count === undefined ? ', no "keys" array' : `, ${count} key${count === 1 ? '' : 's'}`}`,
      }
    } catch (error) {
      if (error instanceof EvidenceUnavailable) report.jwks = { ok: false, summary: error.reason }
      else {
        report.jwks = { ok: false, fatal: true, summary: unreachableOr(error, 'the JWK Set') }
        return fail(report.jwks.summary)
      }
    }

    for (const { client, clientIndex, user, userIndex } of loginPairs(target)) {
      const login = await oneLogin(context, http, { client, clientIndex, user, userIndex })
      report.logins.push(login)
      if (!login.ok) return fail(login.problem!)
    }
    return report
  } finally {
    await driver.close?.()
  }
}

/**
 * A run that stopped at a failed preflight, as a run result: every selected check in `error`,
 * blocked by the one root cause, so the reports say "incomplete" with that cause (never conformant)
 * instead of holding nothing.
 */
export function preflightFailedRun(report: PreflightReport, checks: readonly AnyCheck[]): SuiteRun {
  const cause: RootCause = {
    id: 'preflight',
    step: 'preflight: prove the suite can drive the target (discovery, JWK Set, one login per client and user)',
    message: report.problem ?? 'the preflight failed',
    attempts: 1,
    exchanges: report.exchanges,
    blocked: checks.map((check) => check.id),
    hint: 'run "codeflow doctor --target <file>" to see each step of the login',
  }
  const now = new Date().toISOString()
  return {
    target: report.target,
    startedAt: now,
    finishedAt: now,
    results: checks.map((check) =>
      errorResult(check, `could not drive the target: ${cause.message}`, 0, { id: cause.id, exchanges: [] }),
    ),
    rootCauses: [cause],
    robustness: [],
  }
}

/** Each client once (with the first user), then each other user once (with the first client). */
function loginPairs(target: TargetFile) {
  return [
    ...target.clients.map((client, clientIndex) => ({ client, clientIndex, user: target.users[0]!, userIndex: 0 })),
    ...target.users
      .slice(1)
      .map((user, index) => ({ client: target.clients[0]!, clientIndex: 0, user, userIndex: index + 1 })),
  ]
}

async function oneLogin(
  context: GatherContext,
  http: HttpClient,
  pair: { client: TargetClient; clientIndex: number; user: TargetUser; userIndex: number },
): Promise<PreflightLogin> {
  const { client, clientIndex, user, userIndex } = pair
  const steps: DriverStep[] = []
  const login: PreflightLogin = {
    client: `clients[${clientIndex}] ${client.client_id}`,
    user: `users[${userIndex}] ${user.username}`,
    ok: false,
    steps,
  }
  const who = `client ${client.client_id}, user ${user.username}`
  const before = http.exchanges.length
  const traced: GatherContext = {
    ...context,
    driver: {
      name: context.driver.name,
      authorize: (input) => context.driver.authorize({ ...input, trace: (step) => steps.push(step) }),
    },
  }
  let attempt: AuthorizationAttempt
  try {
    attempt = await authorize(traced, { label: `preflight: ${who}`, client, user })
  } catch (error) {
    if (steps.length === 0) steps.push(...stepsFromExchanges(http.exchanges.slice(before)))
    return { ...login, problem: `login as ${who}: ${unreachableOr(error, 'the login')}` }
  }
  if (steps.length === 0) steps.push(...stepsFromExchanges(http.exchanges.slice(before)))
  const { result } = attempt
  if (result.kind === 'page') {
    const last = steps.at(-1)
    const title = last?.title ? ` "${last.title}"` : ''
    // A selector of the target file that matched nothing is the likely reason the page was not understood.
    const missed = last?.selectors.find((match) => !match.matched && match.source === 'target file')
    const hint = missed
      ? `; ${missed.setting} "${missed.selector}" matched nothing (the page has: ${missed.candidates?.join(', ') || 'nothing of that kind'})`
      : ''
    return {
      ...login,
      problem: `login as ${who}: the server stopped on its page${title} (HTTP ${result.status} at ${last?.url ?? result.url}) instead of redirecting back to ${client.redirect_uris[0]} with a code${hint}`,
    }
  }
  const { code, error, error_description: description } = result.params
  if (!code) {
    const why = error ? `error=${error}${description ? ` (${description})` : ''}` : 'neither a code nor an error'
    return {
      ...login,
      problem: `login as ${who}: the server redirected back with ${why}: check clients[${clientIndex}] (redirect_uris, scope) and the server's registration of ${client.client_id}`,
    }
  }
  const { endpoints } = await context.need('discovery')
  let token: Awaited<ReturnType<typeof redeemCode>>
  try {
    token = await redeemCode(http, endpoints.token, {
      client,
      code,
      redirectUri: attempt.request.params.redirect_uri,
      codeVerifier: attempt.request.codeVerifier,
      label: `preflight: ${who}: redeem the code`,
    })
  } catch (error) {
    return { ...login, problem: unreachableOr(error, 'the token endpoint') }
  }
  const issued = token.status === 200 && typeof token.body?.access_token === 'string'
  login.token = {
    ok: issued,
    summary: `POST ${endpoints.token} → ${token.status}${issued ? ', access token issued' : `: ${token.text.slice(0, 200)}`}`,
  }
  if (!issued) {
    const secret = client.client_secret ? 'client_secret and ' : ''
    return {
      ...login,
      problem: `the token endpoint refused the code for ${who} (HTTP ${token.status}: ${token.text.slice(0, 120)}): check clients[${clientIndex}].${secret}token_endpoint_auth_method ("${client.token_endpoint_auth_method}")`,
    }
  }
  return { ...login, ok: true }
}

/** For drivers that do not trace (module, browser): one step per recorded exchange. */
function stepsFromExchanges(exchanges: readonly Exchange[]): DriverStep[] {
  return exchanges.map((exchange) => {
    const status = exchange.response?.status ?? 0
    const location = exchange.response?.headers.location
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(exchange.response?.body ?? '')?.[1]?.trim()
    return {
      method: exchange.request.method,
      url: exchange.request.url,
      status,
      ...(title ? { title } : {}),
      seen: location && status >= 300 && status < 400 ? 'redirect' : 'page',
      action: exchange.error ? `no answer: ${exchange.error}` : location ? `redirect to ${location}` : exchange.label,
      selectors: [],
    }
  })
}

function unreachableOr(error: unknown, what: string): string {
  if (error instanceof TargetUnreachable)
    return `the target is unreachable: tried ${error.exchange.request.method} ${error.exchange.request.url} and got ${error.exchange.error}`
  if (error instanceof DriveError) return error.message
  return `${what} failed: ${error instanceof Error ? error.message : String(error)}`
}

/** Just what the preflight needs of a run's context: discovery and the JWK Set, each fetched once. */
function preflightContext(target: TargetFile, http: HttpClient, driver: LoginDriver): GatherContext {
  const gatherers = new Map<EvidenceKey, typeof discoveryGatherer>([
    ['discovery', discoveryGatherer],
    ['jwks', jwksGatherer],
  ])
  const running = new Map<string, Promise<Partial<Evidence>>>()
  const context: GatherContext = {
    target,
    http,
    driver,
    limit: (task) => task(),
    simultaneously: (exemption, task) => http.simultaneously(exemption, task),
    need: async (key) => {
      const gatherer = gatherers.get(key)
      if (!gatherer) throw new Error(`the preflight does not gather "${key}"`)
      let promise = running.get(gatherer.id)
      if (!promise) {
        promise = gatherer.gather(context) as Promise<Partial<Evidence>>
        running.set(gatherer.id, promise)
      }
      return (await promise)[key] as Evidence[typeof key]
    },
  }
  return context
}
