/**
 * A single-page app that signs users in with the authorization-code flow as a public client
 * (PKCE S256, no secret), entirely in the browser, with oauth4webapi — served by serve.ts.
 *
 *   /login     new PKCE verifier, state and nonce in sessionStorage; off to the authorization endpoint
 *   /callback  oauth4webapi checks state and the RFC 9207 iss, redeems the code, checks the ID token
 *              (claims, and its signature against the issuer's JWK Set), fetches UserInfo
 *   /          "Signed in as <name>" (data-testid="user"), or a sign-in link
 *
 * A refused sign-in shows "Sign-in failed: <reason>" (data-testid="sign-in-error") and logs
 * "sign-in refused: <reason>" to the console.
 */
import * as oauth from '/oauth4webapi.js'

const PENDING = 'codeflow-example-spa:pending'
const USER = 'codeflow-example-spa:user'
const main = document.getElementById('app')

/** The settings serve.ts took from its environment: issuer, client_id, redirect_uri, scope. */
const settings = await (await fetch('/config.json')).json()
const client = { client_id: settings.client_id }
// Only because the mock IdP listens on http://127.0.0.1; an app in production talks to https.
const insecure = { [oauth.allowInsecureRequests]: true }

async function authorizationServer() {
  const issuer = new URL(settings.issuer)
  return oauth.processDiscoveryResponse(
    issuer,
    await oauth.discoveryRequest(issuer, { ...insecure, algorithm: 'oidc' }),
  )
}

async function login() {
  const as = await authorizationServer()
  const pending = {
    codeVerifier: oauth.generateRandomCodeVerifier(),
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
  }
  sessionStorage.setItem(PENDING, JSON.stringify(pending))
  const url = new URL(as.authorization_endpoint)
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: client.client_id,
    redirect_uri: settings.redirect_uri,
    scope: settings.scope,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await oauth.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
  }).toString()
  location.assign(url.href)
}

async function callback() {
  // Whatever happens next, this attempt is used up.
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null')
  sessionStorage.removeItem(PENDING)
  if (!pending) throw new Error('no sign-in in progress in this tab (start again at /login)')
  const as = await authorizationServer()
  // state (RFC 6749 §10.12) and iss (RFC 9207 §2.4) before the code goes anywhere.
  const params = oauth.validateAuthResponse(as, client, new URL(location.href), pending.state)
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    params,
    settings.redirect_uri,
    pending.codeVerifier,
    insecure,
  )
  // ID token claims (OIDC Core §3.1.3.7: iss, aud, azp, exp, nonce) ...
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response, {
    expectedNonce: pending.nonce,
    requireIdToken: true,
  })
  // ... and its signature with the issuer's JWK Set (§3.1.3.7 step 6: there is no TLS to trust here).
  await oauth.validateApplicationLevelSignature(as, response, insecure)
  const claims = oauth.getValidatedIdTokenClaims(tokens)
  // UserInfo with the access token in the Authorization header; its sub must be the ID token's (§5.3.4).
  const userinfo = await oauth.processUserInfoResponse(
    as,
    client,
    claims.sub,
    await oauth.userInfoRequest(as, client, tokens.access_token, insecure),
  )
  sessionStorage.setItem(USER, JSON.stringify({ ...claims, ...userinfo }))
  history.replaceState(null, '', '/')
}

function show() {
  const user = JSON.parse(sessionStorage.getItem(USER) ?? 'null')
  main.replaceChildren()
  const paragraph = document.createElement('p')
  if (user) {
    paragraph.dataset.testid = 'user'
    paragraph.textContent = `Signed in as ${user.name ?? user.sub}`
  } else {
    paragraph.innerHTML = 'Not signed in. <a href="/login">Sign in</a>'
  }
  main.append(paragraph)
}

function refuse(error) {
  const reason =
    error?.cause?.message && error.code ? `${error.message} (${error.code})` : String(error?.message ?? error)
  console.error(`sign-in refused: ${reason}`)
  const paragraph = document.createElement('p')
  paragraph.dataset.testid = 'sign-in-error'
  paragraph.textContent = `Sign-in failed: ${reason}`
  main.replaceChildren(paragraph)
}

try {
  if (location.pathname === '/login') await login()
  else if (location.pathname === new URL(settings.redirect_uri).pathname) {
    await callback()
    show()
  } else show()
} catch (error) {
  refuse(error)
}
