/**
 * How the overrides taken for one request (override-queue.ts) reach the code that honours them:
 * faults become an injected error or response at the HTTP layer; who logs in, extra claims and an
 * error for the authorization response travel as the `directives` of the request's context.
 */
import { OAuthError, type OAuthErrorCode } from '../errors.js'
import type { EndpointResult } from '../http/endpoint-result.js'
import type { AppliedOverrides } from './override-queue.js'

/** What this request was told to do by `use()`. */
export interface Directives {
  /** Sign this username in without any page (authorization endpoint). */
  login?: string
  /** Merged into the ID token's claims before behaviours and signing. */
  claims?: Record<string, unknown>
  /** Edits of a successful token response that keep it correct (override.ts `tokenResponse`). */
  tokenResponse?: { set?: Record<string, unknown>; omit?: string[] }
  /** Sent to the client's redirect_uri instead of a code (authorization endpoint). */
  authorizationError?: OAuthError
  /** Behaviours for the flow this authorization request starts (like `codeflow_behaviour`). */
  flowBehaviours?: string[]
}

/** An OAuth error a test asked for, with the code, description and status it chose. */
export class InjectedError extends OAuthError {
  readonly error: OAuthErrorCode
  override readonly status: number
  constructor(error: string, description: string, status: number) {
    super(description)
    this.error = error as OAuthErrorCode
    this.status = status
  }
}

export function injectedError(spec: NonNullable<AppliedOverrides['error']>): InjectedError {
  const status =
    spec.status ?? (spec.error === 'temporarily_unavailable' ? 503 : spec.error === 'server_error' ? 500 : 400)
  return new InjectedError(spec.error, spec.description ?? `${spec.error} (injected by the test)`, status)
}

/** A raw answer a test asked for (e.g. a 429 with Retry-After), sent as is. */
export class InjectedResponse extends Error {
  readonly result: EndpointResult
  constructor(spec: NonNullable<AppliedOverrides['respond']>) {
    super(`injected ${spec.status} response`)
    this.result =
      spec.body === undefined
        ? { kind: 'empty', status: spec.status, headers: spec.headers ?? {} }
        : typeof spec.body === 'string'
          ? {
              kind: 'html',
              status: spec.status,
              html: spec.body,
              headers: { 'Content-Type': 'text/plain; charset=utf-8', ...spec.headers },
            }
          : { kind: 'json', status: spec.status, body: spec.body, headers: spec.headers ?? {} }
  }
}

/** The directives of one request: what of the taken overrides the endpoint (not the HTTP layer) honours. */
export function directivesFrom(applied: AppliedOverrides): Directives {
  return {
    ...(applied.behaviours.length === 0 ? {} : { flowBehaviours: applied.behaviours }),
    ...(applied.login === undefined ? {} : { login: applied.login }),
    ...(applied.claims === undefined ? {} : { claims: applied.claims }),
    ...(applied.tokenResponse === undefined ? {} : { tokenResponse: applied.tokenResponse }),
    ...(applied.error === undefined ? {} : { authorizationError: injectedError(applied.error) }),
  }
}
