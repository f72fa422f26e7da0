/**
 * A single-page app that signs users in with the authorization-code flow as a public client
 * (PKCE S256, no secret), entirely in the browser, with oauth4webapi — served by serve.ts.
 *
 *   /login     new PKCE verifier, state and nonce in sessionStorage; off to the authorization endpoint
 *   /callback  oauth4webapi checks state and the RFC 9207 iss, redeems the code, checks the ID token
 *              (claims, and its signature against the issuer's JWK Set), fetches UserInfo; the app
 *              adds azp, an iat not in the future, and the Content-Type of each answer
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
/** How far ahead of the browser's clock an ID token's iat may be. */
const CLOCK_SKEW_TOLERANCE_S = 60

/**
 * fetch that refuses a successful answer whose Content-Type is none the request accepted:
 * oauth4webapi parses any body as JSON and looks at the type only when that fails, but discovery
 * "MUST … return a JSON object using the application/json content type" (OIDC Discovery §4.2),
 * the token response uses "the application/json media type" (RFC 6749 §5.1), and UserInfo answers
 * application/json unless a signed or encrypted response was registered (OIDC Core §5.3.2).
 */
async function fetchExpectingAcceptedType(url, init) {
  const response = await fetch(url, init)
  const accepted = new Headers(init.headers).get('accept')
  const type = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? ''
  if (response.ok && accepted !== null && !accepted.split(',').some((item) => item.split(';')[0]?.trim() === type)) {
    throw new Error(`unexpected Content-Type "${type}" from ${new URL(url).pathname} (accepted: ${accepted})`)
  }
  return response
}

const requestOptions = {
  // Only because the mock IdP listens on http://127.0.0.1; an app in production talks to https.
  [oauth.allowInsecureRequests]: true,
  [oauth.customFetch]: fetchExpectingAcceptedType,
}

async function authorizationServer() {
  const issuer = new URL(settings.issuer)
  return oauth.processDiscoveryResponse(
    issuer,
    await oauth.discoveryRequest(issuer, { ...requestOptions, algorithm: 'oidc' }),
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
    requestOptions,
  )
  // ID token claims (OIDC Core §3.1.3.7: iss, aud, azp, exp, nonce) ...
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response, {
    expectedNonce: pending.nonce,
    requireIdToken: true,
  })
  // ... and its signature with the issuer's JWK Set (§3.1.3.7 step 6: there is no TLS to trust here).
  await oauth.validateApplicationLevelSignature(as, response, requestOptions)
  const claims = oauth.getValidatedIdTokenClaims(tokens)
  // azp is "the party to which the ID Token was issued" (OIDC Core §2): oauth4webapi compares it
  // only when aud lists several audiences (§3.1.3.7 step 5); the app whenever it is present.
  if (claims.azp !== undefined && claims.azp !== client.client_id) {
    throw new Error(`unexpected JWT "azp" (authorized party) claim value ${JSON.stringify(claims.azp)}`)
  }
  // iat is "the time at which the JWT was issued" (OIDC Core §2), never ahead of the clock by more
  // than the skew tolerated; the acceptable range is the client's (§3.1.3.7 step 10).
  if (claims.iat > Math.floor(Date.now() / 1000) + CLOCK_SKEW_TOLERANCE_S) {
    throw new Error('unexpected JWT "iat" (issued at) claim value, it is in the future')
  }
  // sub "MUST NOT exceed 255 ASCII characters in length" (OIDC Core §2): a longer one would be cut
  // to fit a column somewhere, and two users could then share an account.
  if (claims.sub.length > 255) {
    throw new Error('unexpected JWT "sub" (subject) claim value, longer than 255 characters')
  }
  // UserInfo with the access token in the Authorization header; its sub must be the ID token's (§5.3.4).
  const userinfo = await oauth.processUserInfoResponse(
    as,
    client,
    claims.sub,
    await oauth.userInfoRequest(as, client, tokens.access_token, requestOptions),
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
