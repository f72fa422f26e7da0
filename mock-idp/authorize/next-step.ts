/**
 * What a validated authorization request needs next: a login, a consent, or nothing (issue the
 * code). Pure: the endpoints supply the session and the time.
 *
 * OIDC Core §3.1.2.1 prompt: "none — The Authorization Server MUST NOT display any
 * authentication or consent user interface pages. An error is returned if an End-User is not
 * already authenticated or the Client does not have pre-configured consent"; "login — The
 * Authorization Server SHOULD prompt the End-User for reauthentication"; "consent — The
 * Authorization Server SHOULD prompt the End-User for consent". max_age: "If the elapsed time is
 * greater than this value, the OP MUST attempt to actively re-authenticate the End-User."
 */
import type { ClientConfig } from '../config/schema.js'
import { ConsentRequired, LoginRequired, type OAuthError } from '../errors.js'
import type { AuthorizationRequest, SessionRecord } from '../store/records.js'
import { hasConsent } from './session.js'

export type NextStep =
  | { kind: 'login' }
  | { kind: 'consent'; session: SessionRecord }
  | { kind: 'issue'; session: SessionRecord }
  | { kind: 'error'; error: OAuthError }

export interface NextStepInput {
  request: AuthorizationRequest
  client: ClientConfig
  session: SessionRecord | undefined
  /** Seconds since the epoch. */
  now: number
  /** The user authenticated within this very request or interaction (prompt=login/max_age are satisfied). */
  authenticatedNow?: boolean
}

export function nextStep({ request, client, session, now, authenticatedNow = false }: NextStepInput): NextStep {
  const silent = request.prompt.includes('none')
  if (!session) {
    return silent
      ? { kind: 'error', error: new LoginRequired('the user is not signed in and prompt=none forbids a login page') }
      : { kind: 'login' }
  }
  if (!authenticatedNow) {
    const reason = reauthenticationReason(request, session, now)
    if (reason) {
      return silent
        ? { kind: 'error', error: new LoginRequired(`${reason}, and prompt=none forbids it`) }
        : { kind: 'login' }
    }
  }
  const consentNeeded =
    request.prompt.includes('consent') ||
    (!client.skip_consent && !hasConsent(session, request.clientId, request.scope))
  if (consentNeeded) {
    return silent
      ? {
          kind: 'error',
          error: new ConsentRequired(
            `the user has not consented to scope "${request.scope.join(' ')}" for this client and prompt=none forbids a consent page`,
          ),
        }
      : { kind: 'consent', session }
  }
  return { kind: 'issue', session }
}

/** Why an existing session is not enough for this request, or undefined when it is. */
export function reauthenticationReason(
  request: AuthorizationRequest,
  session: SessionRecord,
  now: number,
): string | undefined {
  if (request.prompt.includes('login')) return 'prompt=login asks for a new login'
  if (request.prompt.includes('select_account')) return 'prompt=select_account asks to choose an account'
  if (request.maxAge === 0) return 'max_age=0 asks for a new login'
  if (request.maxAge !== undefined && session.authTime + request.maxAge < now) {
    return `the last login was ${now - session.authTime} s ago, more than max_age=${request.maxAge}`
  }
  return undefined
}
