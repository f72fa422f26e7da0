/**
 * What the script-built sign-in pages (deferred-login-page.ts, login-app-page.ts) share: the body
 * around their script — a container the script fills, a <noscript> note, the page's data as a JSON
 * block, the script under the response's CSP nonce — and the start of the script, which reads that
 * block and builds elements with DOM calls only (no innerHTML: the values are text, never markup).
 */
import { escapeHtml } from './escape-html.js'

/** JSON safe inside a <script> data block: no "<", so no "</script>" or "<!--". */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c')
}

/** The start of a page script: `d` is the page's data block, `el(tag, attrs, text)` builds one element. */
export const READ_DATA_AND_DEFINE_EL = `var d = JSON.parse(document.getElementById('login-data').textContent)
  function el(tag, attrs, text) {
    var e = document.createElement(tag)
    for (var name in attrs) e.setAttribute(name, attrs[name])
    if (text) e.textContent = text
    return e
  }`

export interface ScriptedSignInBody {
  clientName: string
  /** The id (and data-testid) of the element the script fills. */
  rootId: string
  /** What the script reads as `d`. */
  data: unknown
  nonce: string
  script: string
}

export function scriptedSignInBody({ clientName, rootId, data, nonce, script }: ScriptedSignInBody): string {
  return `<h1>Sign in</h1>
<p>to continue to <strong>${escapeHtml(clientName)}</strong></p>
<div id="${rootId}" data-testid="${rootId}"></div>
<noscript><p class="error">This sign-in page needs JavaScript.</p></noscript>
<script type="application/json" id="login-data">${scriptJson(data)}</script>
<script nonce="${escapeHtml(nonce)}">${script}</script>`
}
