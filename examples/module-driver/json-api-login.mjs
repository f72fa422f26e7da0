// @ts-check
/**
 * A login module for Codeflow's `module` driver, for a server whose login page is a JavaScript
 * app over a JSON API. Target file:
 *
 *   "login": { "driver": "module", "module": "./json-api-login.mjs" }
 *
 * The server this one is written for (examples/module-driver/json-api-server.ts) works like many
 * real ones: the authorization endpoint redirects the browser to the login app with a
 * transaction id (`/signin?txn=…`); the app posts the credentials as JSON to `/api/authn`, then
 * the consent decision to `/api/consent`, and is told where to send the browser next. Adapt the
 * three marked places to your server's API.
 *
 * It returns the callback URL the server sends the browser to — or, when the server answers
 * the authorization request with a page of its own instead of redirecting (an error page for an
 * unknown client or an unregistered redirect_uri), `{ kind: 'page', status, url, body }`, so the
 * suite judges that page instead of recording an error.
 *
 * `request` sends one request without following redirects, with the session's cookies, and
 * records it (redacted) in the report.
 *
 * @typedef {import('../../suites/drivers/module-driver.js').LoginModuleInput} LoginModuleInput
 * @typedef {import('../../suites/drivers/module-driver.js').LoginModuleResult} LoginModuleResult
 */

/**
 * @param {LoginModuleInput} input
 * @returns {Promise<LoginModuleResult>}
 */
export default async function login({ authorizationUrl, user, redirectUris, request }) {
  /** @param {string} url */
  const atClient = (url) =>
    redirectUris.some((uri) => {
      const client = new URL(uri)
      const target = new URL(url)
      return target.origin === client.origin && target.pathname.startsWith(client.pathname)
    })

  // 1. The authorization request: a redirect to the login app, straight back to the client
  //    (a session, or an error redirect), or a page of the server's own.
  const start = await request({ url: authorizationUrl })
  const location = start.headers.get('location')
  if (start.status < 300 || start.status >= 400 || !location) {
    return { kind: 'page', status: start.status, url: authorizationUrl, body: start.text }
  }
  const appUrl = new URL(location, authorizationUrl)
  if (atClient(appUrl.href)) return appUrl.href

  // 2. The login API. ← adapt: where the transaction id is, the API's path and its JSON members.
  const txn = appUrl.searchParams.get('txn')
  if (!txn) throw new Error(`the login app URL ${appUrl.pathname} carries no "txn"`)
  /** @param {string} path @param {Record<string, unknown>} body */
  const api = async (path, body) => {
    const url = new URL(path, appUrl).href
    const response = await request({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    })
    return { url, response, json: parseJson(response.text) }
  }
  const authn = await api('/api/authn', { txn, username: user.username, password: user.password })
  if (authn.response.status === 401) throw new Error(`the login API refused the password of user ${user.username}`)
  if (authn.response.status !== 200) {
    return { kind: 'page', status: authn.response.status, url: authn.url, body: authn.response.text }
  }

  // 3. Consent, when the API asks for it. ← adapt: how your API says consent is needed.
  let next = authn.json
  if (next?.status === 'CONSENT_REQUIRED') {
    const consent = await api('/api/consent', { txn, decision: 'allow' })
    if (consent.response.status !== 200) {
      return { kind: 'page', status: consent.response.status, url: consent.url, body: consent.response.text }
    }
    next = consent.json
  }

  // 4. Where the app sends the browser: the callback URL. ← adapt: the member's name.
  if (typeof next?.redirect !== 'string')
    throw new Error(`the login API answered without "redirect": ${authn.response.text.slice(0, 200)}`)
  return new URL(next.redirect, appUrl).href
}

/** @param {string} text @returns {any} */
function parseJson(text) {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
