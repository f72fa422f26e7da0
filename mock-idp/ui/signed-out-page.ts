/**
 * Shown after RP-initiated logout when there is no valid post_logout_redirect_uri to return to
 * (OpenID Connect RP-Initiated Logout 1.0 §3: "the OP … MAY display a page to the End-User").
 * Hook: data-testid="signed-out-page".
 */
import type { EndpointResult } from '../http/endpoint-result.js'
import { layout } from './layout.js'

export function signedOutPage(): EndpointResult {
  const body = `<h1>You are signed out</h1>
<p>Your session at this identity provider has ended. You can close this window.</p>`
  return { kind: 'html', status: 200, html: layout({ title: 'Signed out', body, testId: 'signed-out-page' }) }
}
