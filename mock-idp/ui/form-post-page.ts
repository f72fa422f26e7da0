/**
 * OAuth 2.0 Form Post Response Mode §2: "the Authorization Server … returns an HTML form to the
 * User Agent that auto-submits the parameters using the HTTP POST method to the Client's
 * redirection endpoint".
 *
 * The other pages forbid scripts (http/respond.ts). This one needs exactly one: the constant
 * line below, allowed by its SHA-256 hash in a page-specific Content-Security-Policy, so no
 * other script could run even if a value escaped. Without JavaScript a <noscript> button submits.
 */
import { createHash } from 'node:crypto'
import type { EndpointResult } from '../http/endpoint-result.js'
import { formPostCsp } from './content-security-policy.js'
import { escapeHtml } from './escape-html.js'
import { layout } from './layout.js'

const SCRIPT = 'document.forms[0].submit()'
const SCRIPT_HASH = `sha256-${createHash('sha256').update(SCRIPT).digest('base64')}`

export function formPostPage(action: string, fields: Array<[string, string]>): EndpointResult {
  const inputs = fields
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n')
  const body = `<h1>Returning to the application</h1>
<form method="post" action="${escapeHtml(action)}" data-testid="form-post">
${inputs}
<noscript><p>JavaScript is off. Press Continue to return to the application.</p><button type="submit">Continue</button></noscript>
</form>
<script>${SCRIPT}</script>`
  return {
    kind: 'html',
    status: 200,
    html: layout({ title: 'Returning to the application', body }),
    headers: { 'Content-Security-Policy': formPostCsp(SCRIPT_HASH, action) },
  }
}
