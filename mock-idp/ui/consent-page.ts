/**
 * The consent page (OIDC Core §3.1.2.4: "the Authorization Server MUST obtain an authorization
 * decision before releasing information to the Relying Party").
 *
 * Hooks for automation (stable contract): form data-testid="consent-form" posting to the consent
 * path, one <li data-testid="consent-scope" data-scope="…"> per requested scope, hidden
 * "interaction" and "csrf", buttons name="decision" value="approve" data-testid="consent-approve"
 * and value="deny" data-testid="consent-deny".
 *
 * The deny control can sit elsewhere (config pages.deny, docs/page-variants.md): in a form of its
 * own, <form id="deny-form" data-testid="deny-form"> with its own hidden "interaction" and "csrf"
 * (a token only valid for denying), or as a link <a data-testid="consent-deny"> whose URL carries
 * a one-time deny token. Either way it keeps data-testid="consent-deny".
 */
import type { EndpointResult } from '../http/endpoint-result.js'
import { formPageCsp } from './content-security-policy.js'
import { escapeHtml } from './escape-html.js'
import { layout } from './layout.js'

export interface ConsentPageOptions {
  action: string
  interactionId: string
  csrf: string
  clientName: string
  username: string
  scope: string[]
  /** scope → the claims it releases (config.scopes). */
  claimsByScope: Record<string, string[]>
  /** The redirect URI the sign-in continues to (allowed by the page's CSP form-action). */
  continuesTo?: string
  /** Where the deny control is: in the consent form (default), in a form of its own, or a link. */
  deny?: DenyControl
}

export type DenyControl =
  | { kind: 'button' }
  | { kind: 'form'; action: string; csrf: string }
  | { kind: 'link'; href: string }

const DESCRIPTIONS: Record<string, string> = {
  openid: 'Sign you in with your identity (OpenID Connect)',
  profile: 'Read your basic profile (name, username, picture, locale)',
  email: 'Read your email address',
  address: 'Read your postal address',
  phone: 'Read your phone number',
  offline_access: 'Keep access while you are not signed in (refresh tokens)',
}

export function consentPage(options: ConsentPageOptions): EndpointResult {
  const {
    action,
    interactionId,
    csrf,
    clientName,
    username,
    scope,
    claimsByScope,
    continuesTo,
    deny = { kind: 'button' },
  } = options
  const items = scope
    .map((token) => {
      const claims = claimsByScope[token] ?? []
      const description =
        DESCRIPTIONS[token] ?? (claims.length > 0 ? `Read: ${claims.join(', ')}` : 'Access granted by this scope')
      return `<li data-testid="consent-scope" data-scope="${escapeHtml(token)}"><code>${escapeHtml(token)}</code> — ${escapeHtml(description)}</li>`
    })
    .join('\n')
  const body = `<h1>Allow access?</h1>
<p><strong>${escapeHtml(clientName)}</strong> asks to access your account. You are signed in as <strong>${escapeHtml(username)}</strong>.</p>
<p id="scopes-label">It will be able to:</p>
<ul class="scopes" aria-labelledby="scopes-label">
${items}
</ul>
<form data-testid="consent-form" method="post" action="${escapeHtml(action)}">
<input type="hidden" name="interaction" value="${escapeHtml(interactionId)}">
<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
<div class="actions">
<button type="submit" name="decision" value="approve" data-testid="consent-approve" autofocus>Allow</button>
${deny.kind === 'button' ? DENY_BUTTON : ''}
</div>
</form>${denyElsewhere(deny, interactionId)}`
  return {
    kind: 'html',
    status: 200,
    html: layout({ title: 'Allow access', body, testId: 'consent-page' }),
    headers: { 'Content-Security-Policy': formPageCsp(continuesTo) },
  }
}

const DENY_BUTTON =
  '<button type="submit" name="decision" value="deny" class="secondary" data-testid="consent-deny">Deny</button>'

/** The deny control when it is not a button of the consent form. */
function denyElsewhere(deny: DenyControl, interactionId: string): string {
  switch (deny.kind) {
    case 'button':
      return ''
    case 'form':
      return `
<form id="deny-form" data-testid="deny-form" method="post" action="${escapeHtml(deny.action)}">
<input type="hidden" name="interaction" value="${escapeHtml(interactionId)}">
<input type="hidden" name="csrf" value="${escapeHtml(deny.csrf)}">
<div class="actions">
${DENY_BUTTON}
</div>
</form>`
    case 'link':
      return `
<p><a href="${escapeHtml(deny.href)}" data-testid="consent-deny">Deny</a></p>`
  }
}
