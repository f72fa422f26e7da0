/** Pure helpers the logout checks share: what a prompt=none probe says about the session, and where a logout went. */

import type { Exchange } from '../../../../reports/run-result.js'
import { isClientUri } from '../../../drivers/callback.js'
import type { AuthorizationAttempt } from '../../../flows/code-flow.js'
import type { LogoutResult } from '../../../flows/logout-request.js'

export type SessionState = { state: 'alive' | 'ended' | 'unknown'; detail: string }

/**
 * prompt=none with the browser's cookies (OIDC Core §3.1.2.1): a code without a login page means
 * the session is alive; `login_required` / `interaction_required` that it ended. Anything else
 * (a page, `consent_required`, a login page despite prompt=none) proves nothing either way.
 */
export function sessionState(attempt: AuthorizationAttempt): SessionState {
  const result = attempt.result
  if (result.kind === 'page') return { state: 'unknown', detail: `prompt=none ended on a page (HTTP ${result.status})` }
  if (result.sawLogin) return { state: 'unknown', detail: 'prompt=none showed a login page' }
  if (result.params.code !== undefined) return { state: 'alive', detail: 'prompt=none returned a code' }
  const error = result.params.error
  if (error === 'login_required' || error === 'interaction_required')
    return { state: 'ended', detail: `prompt=none returned error=${error}` }
  return {
    state: 'unknown',
    detail: `prompt=none returned ${error ? `error=${error}` : 'neither a code nor an error'}`,
  }
}

/** The redirect of a logout to one of `uris` (same origin and path), if it happened. */
export function redirectToClient(result: LogoutResult, uris: string[]): LogoutResult['redirect'] {
  return result.redirect && isClientUri(result.redirect.url, uris) ? result.redirect : undefined
}

export function logoutExchanges(...parts: Array<LogoutResult | AuthorizationAttempt | undefined>): Exchange[] {
  return parts.flatMap((part) => (part === undefined ? [] : 'result' in part ? part.result.exchanges : part.exchanges))
}

/** A short description of where a logout request ended, for messages. */
export function describeLogout(result: LogoutResult): string {
  if (result.redirect)
    return `a redirect to ${result.redirect.url}${result.confirmed ? ' after the suite confirmed the logout' : ''}`
  if (result.page)
    return `a page (HTTP ${result.page.status}${result.confirmationShown ? ', a confirmation form' : ''}${result.confirmed ? ', confirmed' : ''})`
  return 'no answer the suite could follow'
}
