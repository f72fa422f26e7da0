/**
 * A page between login and consent (config pages.interstitial, docs/page-variants.md), as real
 * providers show ("Signed in", "Stay signed in?", a hop through another host):
 *
 * - "continue": <form id="interstitial-form" data-testid="interstitial-form"> posting hidden
 *   "interaction", "csrf" and action=continue, with a button data-testid="interstitial-continue";
 * - "auto-submit": the same form, submitted by an inline script (allowed by the response's CSP
 *   nonce) at once; without JavaScript the button inside <noscript> submits it;
 * - "meta-refresh": no form, a <meta http-equiv="refresh" content="0; url=…"> whose URL carries a
 *   one-time continue token.
 */
import type { EndpointResult } from '../http/endpoint-result.js'
import { formPageCsp } from './content-security-policy.js'
import { escapeHtml } from './escape-html.js'
import { layout } from './layout.js'
import { nonceCsp } from './page-csp.js'

export type InterstitialKind = 'auto-submit' | 'meta-refresh' | 'continue'

export interface InterstitialPageOptions {
  kind: InterstitialKind
  /** Where the form posts (auto-submit, continue). */
  action: string
  interactionId: string
  csrf: string
  /** Where the meta refresh goes. */
  refreshUrl: string
  /** A fresh per-response nonce for the auto-submit script. */
  nonce: string
  clientName: string
  username: string
  /** The redirect URI the sign-in continues to (allowed by the page's CSP form-action). */
  continuesTo?: string
}

const SUBMIT = "document.getElementById('interstitial-form').submit()"

export function interstitialPage(options: InterstitialPageOptions): EndpointResult {
  const { kind, action, interactionId, csrf, refreshUrl, nonce, clientName, username, continuesTo } = options
  const intro = `<h1>Signed in</h1>
<p>You are signed in as <strong>${escapeHtml(username)}</strong>. Next: <strong>${escapeHtml(clientName)}</strong>.</p>`
  if (kind === 'meta-refresh') {
    const body = `${intro}
<p data-testid="interstitial-refresh">Continuing…</p>`
    const head = `<meta http-equiv="refresh" content="0; url=${escapeHtml(refreshUrl)}">`
    return { kind: 'html', status: 200, html: layout({ title: 'Signed in', body, head, testId: 'interstitial-page' }) }
  }
  const button = '<button type="submit" data-testid="interstitial-continue" autofocus>Continue</button>'
  const body = `${intro}
<form id="interstitial-form" data-testid="interstitial-form" method="post" action="${escapeHtml(action)}">
<input type="hidden" name="interaction" value="${escapeHtml(interactionId)}">
<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
<input type="hidden" name="action" value="continue">
${kind === 'continue' ? button : `<noscript><p>JavaScript is off. Press Continue.</p>${button}</noscript>`}
</form>${kind === 'auto-submit' ? `\n<script nonce="${escapeHtml(nonce)}">${SUBMIT}</script>` : ''}`
  return {
    kind: 'html',
    status: 200,
    html: layout({ title: 'Signed in', body, testId: 'interstitial-page' }),
    headers: {
      'Content-Security-Policy': kind === 'auto-submit' ? nonceCsp(nonce, continuesTo) : formPageCsp(continuesTo),
    },
  }
}
