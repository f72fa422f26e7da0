/**
 * The login page (OIDC Core §3.1.2.3: "the Authorization Server Authenticates the End-User").
 *
 * Hooks for automation (stable contract): form data-testid="login-form" posting to the login
 * path, inputs name="username" data-testid="login-username" and name="password"
 * data-testid="login-password", hidden "interaction" and "csrf", buttons data-testid="login-submit"
 * (name="action" value="login") and data-testid="login-cancel" (name="action" value="cancel"),
 * and after a failed attempt <p role="alert" data-testid="login-error">. The password is never
 * written back into the page.
 */
import type { EndpointResult } from '../http/endpoint-result.js'
import { formPageCsp } from './content-security-policy.js'
import { escapeHtml } from './escape-html.js'
import { layout } from './layout.js'

export interface LoginPageOptions {
  /** The form's action: the login endpoint's path. */
  action: string
  interactionId: string
  csrf: string
  clientName: string
  /** Prefilled username: the login_hint, or what the user typed before a failed attempt. */
  username?: string
  error?: string
  /** The redirect URI the sign-in continues to (allowed by the page's CSP form-action). */
  continuesTo?: string
}

export function loginPage(options: LoginPageOptions): EndpointResult {
  const { action, interactionId, csrf, clientName, username = '', error, continuesTo } = options
  // Focus where the user types next: the password when the username is already known.
  const focusUsername = username === '' ? ' autofocus' : ''
  const focusPassword = username === '' ? '' : ' autofocus'
  const body = `<h1>Sign in</h1>
<p>to continue to <strong>${escapeHtml(clientName)}</strong></p>
${error ? `<p role="alert" id="login-error" class="error" data-testid="login-error">${escapeHtml(error)}</p>` : ''}
<form data-testid="login-form" method="post" action="${escapeHtml(action)}">
<input type="hidden" name="interaction" value="${escapeHtml(interactionId)}">
<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
<label for="username">Username</label>
<input id="username" name="username" data-testid="login-username" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(username)}"${focusUsername}${error ? ' aria-describedby="login-error"' : ''}>
<label for="password">Password</label>
<input id="password" type="password" name="password" data-testid="login-password" autocomplete="current-password" required${focusPassword}>
<div class="actions">
<button type="submit" name="action" value="login" data-testid="login-submit">Sign in</button>
<button type="submit" name="action" value="cancel" class="secondary" formnovalidate data-testid="login-cancel">Cancel</button>
</div>
</form>`
  return {
    kind: 'html',
    status: 200,
    html: layout({ title: 'Sign in', body, testId: 'login-page' }),
    headers: { 'Content-Security-Policy': formPageCsp(continuesTo) },
  }
}
