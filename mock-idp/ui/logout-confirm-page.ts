/**
 * Asks the user to confirm RP-initiated logout when the request carries no id_token_hint
 * (OpenID Connect RP-Initiated Logout 1.0 §2: "the OP MUST ask the End-User this question if an
 * id_token_hint was not provided"). Without the hint, anyone can link a user to the logout
 * endpoint; the question stops such a link from signing the user out unasked.
 *
 * Hooks: form data-testid="logout-confirm-form" posting to the end-session path, hidden
 * `client_id`, `post_logout_redirect_uri`, `state` and `csrf`, buttons name="confirm"
 * value="yes" data-testid="logout-confirm" and value="no" data-testid="logout-cancel".
 */
import type { EndpointResult } from '../http/endpoint-result.js'
import { formPageCsp } from './content-security-policy.js'
import { escapeHtml } from './escape-html.js'
import { layout } from './layout.js'

export interface LogoutConfirmPageOptions {
  action: string
  csrf: string
  /** Parameters carried through the confirmation, already validated. */
  carried: Array<[string, string]>
  clientName?: string
  /** The post_logout_redirect_uri the confirmation continues to (allowed by the page's CSP form-action). */
  continuesTo?: string
}

export function logoutConfirmPage({
  action,
  csrf,
  carried,
  clientName,
  continuesTo,
}: LogoutConfirmPageOptions): EndpointResult {
  const fields: Array<[string, string]> = [...carried, ['csrf', csrf]]
  const hidden = fields
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n')
  const body = `<h1>Sign out?</h1>
<p>${clientName ? `<strong>${escapeHtml(clientName)}</strong> asks to sign you out` : 'A request asks to sign you out'} of this identity provider.</p>
<form data-testid="logout-confirm-form" method="post" action="${escapeHtml(action)}">
${hidden}
<div class="actions">
<button type="submit" name="confirm" value="yes" data-testid="logout-confirm" autofocus>Sign out</button>
<button type="submit" name="confirm" value="no" class="secondary" data-testid="logout-cancel">Stay signed in</button>
</div>
</form>`
  return {
    kind: 'html',
    status: 200,
    html: layout({ title: 'Sign out?', body, testId: 'logout-confirm-page' }),
    headers: { 'Content-Security-Policy': formPageCsp(continuesTo) },
  }
}

export function stillSignedInPage(): EndpointResult {
  const body = '<h1>You are still signed in</h1>\n<p>Nothing was changed. You can close this window.</p>'
  return { kind: 'html', status: 200, html: layout({ title: 'Still signed in', body, testId: 'still-signed-in-page' }) }
}
