/**
 * The "json-api" login page (config pages.loginApp): a small JavaScript app instead of a form
 * post. Its script (allowed by the response's CSP nonce, with `connect-src 'self'` for its one
 * API call) builds a form with the usual hooks (ui/login-page.ts: login-form, login-username,
 * login-password, login-submit, login-cancel; login-next with two steps, shown one after the
 * other in the page), and on submit POSTs JSON {interaction, username, password} to the API
 * (endpoints/login-api.ts). It follows the {redirect} it answers, or shows its error in
 * data-testid="login-error". The form itself never submits: a client that only reads and posts
 * HTML cannot sign in here.
 */
import type { EndpointResult } from '../http/endpoint-result.js'
import { layout } from './layout.js'
import { widenCsp } from './page-csp.js'
import { READ_DATA_AND_DEFINE_EL, scriptedSignInBody } from './scripted-sign-in.js'

export interface LoginAppPageOptions {
  /** The JSON API's URL path. */
  api: string
  interactionId: string
  clientName: string
  /** Prefilled username (login_hint). */
  username?: string
  twoSteps: boolean
  nonce: string
}

const SCRIPT = `(function () {
  ${READ_DATA_AND_DEFINE_EL}
  var root = document.getElementById('login-app')
  var error = el('p', { role: 'alert', id: 'login-error', class: 'error', 'data-testid': 'login-error', hidden: '' })
  var form = el('form', { 'data-testid': 'login-form', novalidate: '' })
  var username = el('input', { id: 'username', name: 'username', 'data-testid': 'login-username', autocomplete: 'username', required: '', value: d.username })
  var password = el('input', { id: 'password', type: 'password', name: 'password', 'data-testid': 'login-password', autocomplete: 'current-password', required: '' })
  var userField = el('div')
  userField.append(el('label', { for: 'username' }, 'Username'), username)
  var passwordField = el('div')
  passwordField.append(el('label', { for: 'password' }, 'Password'), password)
  var next = el('button', { type: 'button', 'data-testid': 'login-next' }, 'Next')
  var submit = el('button', { type: 'submit', 'data-testid': 'login-submit' }, 'Sign in')
  var cancel = el('button', { type: 'button', class: 'secondary', 'data-testid': 'login-cancel' }, 'Cancel')
  var actions = el('div', { class: 'actions' })
  actions.append(d.twoSteps ? next : submit, cancel)
  form.append(userField)
  if (!d.twoSteps) form.append(passwordField)
  form.append(actions)
  root.append(error, form)
  function show(message) {
    error.textContent = message
    error.hidden = false
  }
  function send(body) {
    body.interaction = d.interaction
    return fetch(d.api, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (response) {
        return response.json().then(function (answer) {
          if (response.ok && answer.redirect) return location.assign(answer.redirect)
          show(answer.error_description || answer.error || 'The sign-in failed.')
        })
      })
      .catch(function () { show('The sign-in service could not be reached.') })
  }
  next.addEventListener('click', function () {
    if (!username.value) return show('Enter your username.')
    error.hidden = true
    userField.hidden = true
    form.insertBefore(passwordField, actions)
    actions.replaceChild(submit, next)
    password.focus()
  })
  form.addEventListener('submit', function (event) {
    event.preventDefault()
    send({ username: username.value, password: password.value })
  })
  cancel.addEventListener('click', function () { send({ action: 'cancel' }) })
  ;(username.value && !d.twoSteps ? password : username).focus()
})()`

export function loginAppPage(options: LoginAppPageOptions): EndpointResult {
  const { api, interactionId, clientName, username = '', twoSteps, nonce } = options
  const data = { api, interaction: interactionId, username, twoSteps }
  const body = scriptedSignInBody({ clientName, rootId: 'login-app', data, nonce, script: SCRIPT })
  return {
    kind: 'html',
    status: 200,
    html: layout({ title: 'Sign in', body, testId: 'login-page' }),
    headers: { 'Content-Security-Policy': widenCsp({ 'script-src': `'nonce-${nonce}'`, 'connect-src': "'self'" }) },
  }
}
