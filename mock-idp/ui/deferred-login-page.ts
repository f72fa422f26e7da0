/**
 * The "defer-form" login page (config pages.scripts): the HTML holds an empty container
 * (data-testid="login-root") and the form's values as a JSON data block; an inline script,
 * allowed by the response's CSP nonce, builds the login form after the "load" event, with the
 * same hooks as the plain page (ui/login-page.ts). A client that reads only the HTML finds no
 * form, as with many JavaScript-rendered sign-in pages; a browser that waits for the form does.
 */
import type { EndpointResult } from '../http/endpoint-result.js'
import { layout } from './layout.js'
import type { LoginPageOptions } from './login-page.js'
import { nonceCsp } from './page-csp.js'
import { READ_DATA_AND_DEFINE_EL, scriptedSignInBody } from './scripted-sign-in.js'

/** Builds the form with DOM calls only (no innerHTML): the values are text, never markup. */
const SCRIPT = `addEventListener('load', function () {
  ${READ_DATA_AND_DEFINE_EL}
  var root = document.getElementById('login-root')
  if (d.error) root.append(el('p', { role: 'alert', id: 'login-error', class: 'error', 'data-testid': 'login-error' }, d.error))
  var form = el('form', { 'data-testid': 'login-form', method: 'post', action: d.action })
  form.append(el('input', { type: 'hidden', name: 'interaction', value: d.interaction }))
  form.append(el('input', { type: 'hidden', name: 'csrf', value: d.csrf }))
  if (d.step === 'password') {
    form.append(el('p', { 'data-testid': 'login-identity' }, 'Signing in as ' + d.username))
  } else {
    form.append(el('label', { for: 'username' }, 'Username'))
    form.append(el('input', { id: 'username', name: 'username', 'data-testid': 'login-username', autocomplete: 'username', required: '', value: d.username }))
  }
  if (d.step !== 'username') {
    form.append(el('label', { for: 'password' }, 'Password'))
    form.append(el('input', { id: 'password', type: 'password', name: 'password', 'data-testid': 'login-password', autocomplete: 'current-password', required: '' }))
  }
  var actions = el('div', { class: 'actions' })
  actions.append(d.step === 'username'
    ? el('button', { type: 'submit', name: 'action', value: 'next', 'data-testid': 'login-next' }, 'Next')
    : el('button', { type: 'submit', name: 'action', value: 'login', 'data-testid': 'login-submit' }, 'Sign in'))
  actions.append(el('button', { type: 'submit', name: 'action', value: 'cancel', class: 'secondary', formnovalidate: '', 'data-testid': 'login-cancel' }, 'Cancel'))
  form.append(actions)
  root.append(form)
  var first = form.querySelector('input:not([type=hidden])')
  if (first) first.focus()
})`

export function deferredLoginPage(options: LoginPageOptions & { nonce: string }): EndpointResult {
  const {
    action,
    interactionId,
    csrf,
    clientName,
    username = '',
    error,
    step = 'both',
    status = 200,
    nonce,
    continuesTo,
  } = options
  const data = { action, interaction: interactionId, csrf, username, step, ...(error ? { error } : {}) }
  const body = scriptedSignInBody({ clientName, rootId: 'login-root', data, nonce, script: SCRIPT })
  return {
    kind: 'html',
    status,
    html: layout({ title: 'Sign in', body, testId: 'login-page' }),
    headers: { 'Content-Security-Policy': nonceCsp(nonce, continuesTo) },
  }
}
