/** Pure helpers for the session checks: reading an authorization outcome and its ID token. */

import type { Exchange } from '../../../../reports/run-result.js'
import type { AuthorizationAttempt } from '../../../flows/code-flow.js'
import type { FlowAttempt } from '../../../flows/flow-attempt.js'

/** OIDC Core §3.1.2.6: the errors that say "a user interface would be needed". */
export const INTERACTION_ERRORS = [
  'login_required',
  'interaction_required',
  'consent_required',
  'account_selection_required',
]

export const NO_SSO =
  'the target file declares that the server keeps no login session (capabilities.sso_session: false)'

/** What a silent (prompt=none) re-authorization's verdict depends on, for `dependsOnSetup`. */
export const SILENT_AUTHORIZATION_SETUP =
  'whether the server remembers the consent given at the first login (or the client has pre-configured consent): "consent_required" is then a conformant answer, reported, not failed; and on a login session (capabilities.sso_session)'

/** OIDC Core §3.1.2.6 interaction errors, as an error-code rule (prompt=none that needs a UI). */
export const INTERACTION_SENTENCE = {
  spec: 'OIDCC-3.1.2.6',
  quote:
    'login_required / interaction_required / consent_required / account_selection_required: the Authorization Server requires End-User authentication, interaction, consent or account selection, and "prompt=none" forbids showing a user interface.',
}

/**
 * Why prompt=none may rightly answer consent_required although a session exists: OIDC Core
 * §3.1.2.1 returns an error when "the Client does not have pre-configured consent for the
 * requested Claims". Whether a server remembers the consent given at the first login is its setup.
 */
export function consentNotRemembered(clientId: string): string {
  return `prompt=none answered "consent_required": the server does not remember the consent given at the first login for client "${clientId}" (or this client must consent every time), which OIDC Core §3.1.2.1 allows ("the Client does not have pre-configured consent for the requested Claims"); silent re-authorization could not be judged — a client with remembered or pre-configured consent would show it`
}

export function exchangesOf(attempt: AuthorizationAttempt | FlowAttempt): Exchange[] {
  const authorization = 'attempt' in attempt ? attempt.attempt : attempt
  const token = 'attempt' in attempt && attempt.token ? [attempt.token.exchange] : []
  return [...authorization.result.exchanges, ...token]
}

export function resultOf(attempt: AuthorizationAttempt | FlowAttempt): AuthorizationAttempt['result'] {
  return 'attempt' in attempt ? attempt.attempt.result : attempt.result
}

/** What came back, for messages and `actual`. */
export function describeOutcome(attempt: AuthorizationAttempt | FlowAttempt): Record<string, unknown> {
  const result = resultOf(attempt)
  if (result.kind === 'page') return { page: result.status, loginPageShown: result.sawLogin }
  return {
    ...(result.params.code ? { code: 'issued' } : {}),
    ...(result.params.error ? { error: result.params.error } : {}),
    loginPageShown: result.sawLogin,
    consentPageShown: result.sawConsent,
  }
}

export function claim(flow: FlowAttempt, name: string): unknown {
  return flow.idToken?.claims?.[name]
}

export function authTime(flow: FlowAttempt): number | undefined {
  const value = claim(flow, 'auth_time')
  return typeof value === 'number' ? value : undefined
}

export function errorOf(attempt: AuthorizationAttempt | FlowAttempt): string | undefined {
  const result = resultOf(attempt)
  return result.kind === 'callback' ? result.params.error : undefined
}
