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
import { ENFORCE_ALL, type RuleSet } from '../behaviours/rules.js'
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
  /** The behaviours in force: the session rules (rules.ts) apply only while enforced. Default: all. */
  behaviours?: RuleSet
}

export function nextStep({
  request,
  client,
  session,
  now,
  authenticatedNow = false,
  behaviours = ENFORCE_ALL,
}: NextStepInput): NextStep {
  const silent = request.prompt.includes('none')
  if (!session) {
    return silent && behaviours.enforces('prompt-none-no-ui')
      ? { kind: 'error', error: new LoginRequired('the user is not signed in and prompt=none forbids a login page') }
      : { kind: 'login' }
  }
  if (silent && !behaviours.enforces('prompt-none-uses-session')) {
    return { kind: 'error', error: new LoginRequired('prompt=none is answered without looking at the session') }
  }
  if (!authenticatedNow) {
    // OIDC Core §3.1.2.1 id_token_hint: "If the End-User identified by the ID Token is logged in or
    // is logged in by the request, then the Authorization Server returns a positive response;
    // otherwise, it SHOULD return an error, such as login_required."
    const hinted = hintedSubject(request.idTokenHint)
    if (hinted !== undefined && hinted !== session.sub && behaviours.enforces('id-token-hint-subject-match')) {
      return silent
        ? {
            kind: 'error',
            error: new LoginRequired(
              '"id_token_hint" names another user than the one signed in, and prompt=none forbids a login page',
            ),
          }
        : { kind: 'login' }
    }
    const reason = reauthenticationReason(request, session, now, behaviours)
    if (reason) {
      return silent
        ? { kind: 'error', error: new LoginRequired(`${reason}, and prompt=none forbids it`) }
        : { kind: 'login' }
    }
  }
  const consentNeeded =
    (request.prompt.includes('consent') && behaviours.enforces('prompt-consent-asks')) ||
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
  behaviours: RuleSet = ENFORCE_ALL,
): string | undefined {
  if (request.prompt.includes('login') && behaviours.enforces('prompt-login-reauthenticates')) {
    return 'prompt=login asks for a new login'
  }
  if (request.prompt.includes('select_account')) return 'prompt=select_account asks to choose an account'
  // A behaviour waiving 'max-age-zero-reauthenticates' treats max_age=0 as if it had not been sent.
  const maxAge =
    request.maxAge === 0 && !behaviours.enforces('max-age-zero-reauthenticates') ? undefined : request.maxAge
  if (maxAge === 0) return 'max_age=0 asks for a new login'
  if (maxAge !== undefined && session.authTime + maxAge < now && behaviours.enforces('max-age-reauthenticates')) {
    return `the last login was ${now - session.authTime} s ago, more than max_age=${maxAge}`
  }
  if (maxAge !== undefined && !behaviours.enforces('max-age-keeps-recent-login')) {
    return `max_age=${maxAge} is taken to ask for a new login`
  }
  return undefined
}

/**
 * The `sub` an id_token_hint names. Decoded, not verified: the hint can only make the answer
 * stricter (a login or an error instead of a code), never grant anything.
 */
export function hintedSubject(hint: string | undefined): string | undefined {
  const payload = hint?.split('.')[1]
  if (!payload) return undefined
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    const sub = (claims as { sub?: unknown } | null)?.sub
    return typeof sub === 'string' ? sub : undefined
  } catch {
    return undefined
  }
}
