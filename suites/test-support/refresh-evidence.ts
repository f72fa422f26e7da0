/** Hand-built evidence for the unit tests of the refresh, revocation, introspection and session checks. */
import type { AuthorizeResult } from '../drivers/driver.js'
import type { AuthorizationAttempt } from '../flows/code-flow.js'
import type { FlowAttempt } from '../flows/flow-attempt.js'
import type { IdTokenInspection } from '../flows/id-token.js'
import type { CallResult } from '../flows/token-calls.js'
import type { AnyCheck, Verdict } from '../harness/check.js'
import { parseTargetFile, type TargetFile } from '../harness/target.js'

let nextId = 1

export function callResult(
  status: number,
  body?: Record<string, unknown>,
  headers: Record<string, string> = {},
): CallResult {
  const text = body === undefined ? '' : JSON.stringify(body)
  return {
    status,
    headers: new Headers({ ...(body ? { 'content-type': 'application/json' } : {}), ...headers }),
    body,
    text,
    contentType: body ? 'application/json' : undefined,
    exchange: {
      id: nextId++,
      label: 'test',
      request: { method: 'POST', url: 'https://as.example/token', headers: {} },
      response: { status, headers: {}, body: text },
      durationMs: 0,
    },
  }
}

/** A 200 token response with Cache-Control: no-store. */
export const tokens = (body: Record<string, unknown>) =>
  callResult(200, { token_type: 'Bearer', expires_in: 600, ...body }, { 'cache-control': 'no-store' })

export const oauthError = (error: string, status = 400) => callResult(status, { error })

export function callback(
  params: Record<string, string>,
  seen: { login?: boolean; consent?: boolean; url?: string } = {},
): AuthorizeResult {
  return {
    kind: 'callback',
    url: seen.url ?? `https://client.example/cb?${new URLSearchParams(params)}`,
    mode: 'query',
    params,
    allParams: Object.entries(params),
    sawLogin: seen.login ?? false,
    sawConsent: seen.consent ?? false,
    exchanges: [],
  }
}

export function page(status: number, sawLogin = false): AuthorizeResult {
  return { kind: 'page', status, url: 'https://as.example/authorize', html: '<p>error</p>', sawLogin, exchanges: [] }
}

export function attempt(result: AuthorizeResult, state = 'st'): AuthorizationAttempt {
  return {
    request: {
      url: 'https://as.example/authorize',
      params: { state },
      pairs: [],
      client: {} as never,
      redirectUri: 'https://client.example/cb',
      state,
    },
    result,
    jar: undefined as never,
  }
}

export function idToken(claims: Record<string, unknown>): IdTokenInspection {
  return { raw: 'h.p.s', header: { alg: 'RS256' }, claims, signature: { verified: true, matchingKeys: 1 } }
}

/** A flow that ended with a code (and tokens, with these ID token claims), or with `result`. */
export function flow(options: {
  result?: AuthorizeResult
  claims?: Record<string, unknown>
  refreshToken?: string
  login?: boolean
  consent?: boolean
}): FlowAttempt {
  const result =
    options.result ?? callback({ code: 'c', state: 'st' }, { login: options.login, consent: options.consent })
  const code = result.kind === 'callback' ? result.params.code : undefined
  if (!code) return { attempt: attempt(result) }
  return {
    attempt: attempt(result),
    code,
    token: tokens({ access_token: 'at', ...(options.refreshToken ? { refresh_token: options.refreshToken } : {}) }),
    accessToken: 'at',
    ...(options.refreshToken ? { refreshToken: options.refreshToken } : {}),
    idToken: idToken(options.claims ?? { sub: 'alice' }),
    tokenReceivedAt: 1_700_000_000,
  }
}

export const testTarget: TargetFile = parseTargetFile(
  {
    name: 'test',
    issuer: 'https://as.example',
    clients: [{ client_id: 'c', client_secret: 'secret-c', redirect_uris: ['https://client.example/cb'] }],
    users: [{ username: 'alice', password: 'pw-alice' }],
  },
  {},
)

export function judge(check: AnyCheck, evidence: Record<string, unknown>, target: TargetFile = testTarget): Verdict {
  return check.evaluate(evidence as never, { target })
}
