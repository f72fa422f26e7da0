/**
 * The login page (OIDC Core §3.1.2.3: "the Authorization Server Authenticates the End-User").
 *
 * Hooks for automation (stable contract): form data-testid="login-form" posting to the login
 * path, inputs name="username" data-testid="login-username" and name="password"
 * data-testid="login-password", hidden "interaction" and "csrf", buttons data-testid="login-submit"
 * (name="action" value="login") and data-testid="login-cancel" (name="action" value="cancel"),
 * and after a failed attempt <p role="alert" data-testid="login-error">. The password is never
 * written back into the page.
 *
 * Two-step login (config pages.loginSteps "two", docs/page-variants.md): step "username" is the
 * same form with the username only and a button name="action" value="next"
 * data-testid="login-next"; step "password" shows who signs in (data-testid="login-identity")
 * and has the password only, with the usual login-submit button.
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
  /** Which fields the page asks for: both (default), or one step of a two-step login. */
  step?: LoginStep
  /** HTTP status of the page (200; a refused attempt may answer 400, config pages.wrongPassword). */
  status?: number
}

export type LoginStep = 'both' | 'username' | 'password'

export function loginPage(options: LoginPageOptions): EndpointResult {
  const {
    action,
    interactionId,
    csrf,
    clientName,
    username = '',
    error,
    continuesTo,
    step = 'both',
    status = 200,
  } = options
  const body = `<h1>Sign in</h1>
<p>to continue to <strong>${escapeHtml(clientName)}</strong></p>
${error ? `<p role="alert" id="login-error" class="error" data-testid="login-error">${escapeHtml(error)}</p>` : ''}
<form data-testid="login-form" method="post" action="${escapeHtml(action)}">
<input type="hidden" name="interaction" value="${escapeHtml(interactionId)}">
<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
${loginFields(step, username, error !== undefined)}
</form>`
  return {
    kind: 'html',
    status,
    html: layout({ title: 'Sign in', body, testId: 'login-page' }),
    headers: { 'Content-Security-Policy': formPageCsp(continuesTo) },
  }
}

/** The inputs and buttons of one login step. */
function loginFields(step: LoginStep, username: string, failed: boolean): string {
  const described = failed ? ' aria-describedby="login-error"' : ''
  const usernameInput = (autofocus: boolean) =>
    `<label for="username">Username</label>
<input id="username" name="username" data-testid="login-username" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(username)}"${autofocus ? ' autofocus' : ''}${described}>`
  const passwordInput = (autofocus: boolean) =>
    `<label for="password">Password</label>
<input id="password" type="password" name="password" data-testid="login-password" autocomplete="current-password" required${autofocus ? ' autofocus' : ''}${step === 'password' ? described : ''}>`
  const cancel =
    '<button type="submit" name="action" value="cancel" class="secondary" formnovalidate data-testid="login-cancel">Cancel</button>'
  const signIn = '<button type="submit" name="action" value="login" data-testid="login-submit">Sign in</button>'
  switch (step) {
    case 'username':
      return `${usernameInput(true)}
<div class="actions">
<button type="submit" name="action" value="next" data-testid="login-next">Next</button>
${cancel}
</div>`
    case 'password':
      return `<p data-testid="login-identity">Signing in as <strong>${escapeHtml(username)}</strong></p>
${passwordInput(true)}
<div class="actions">
${signIn}
${cancel}
</div>`
    case 'both':
      // Focus where the user types next: the password when the username is already known.
      return `${usernameInput(username === '')}
${passwordInput(username !== '')}
<div class="actions">
${signIn}
${cancel}
</div>`
  }
}
