/**
 * Regression: a flood of unauthenticated authorization requests evicted live state. Each request
 * stores an interaction, and the store used to evict the oldest entries of any kind at its bound,
 * so the flood broke every live code, token, session and half-finished login. With per-kind
 * budgets (mock-idp/store/store.ts) the flood fills the interactions budget only, and what does
 * not fit is refused with temporarily_unavailable (RFC 6749 §4.1.2.1), redirected to the client.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../mock-idp/index.js'
import { Browser, callbackParams, runLoginFlow } from '../support/login-flow.js'

const MiB = 1024 * 1024
const CLIENT = { id: 'codeflow-basic', secret: 'codeflow-basic-secret', redirectUri: 'http://localhost:3000/callback' }
const BASIC = `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`
const INTERACTIONS = { maxEntries: 200, maxBytes: 2 * MiB }
const FLOOD = 2000
const PARALLEL = 16

let idp: MockIdp
beforeAll(async () => {
  idp = await createMockIdp({
    log: { level: 'silent' },
    // Room for 20 KB of parameters in one authorization request's body.
    limits: { maxBodyBytes: 32 * 1024, store: { interactions: INTERACTIONS } },
  })
})
afterAll(() => idp.close())

const authorizationParams = (state: string) => ({
  response_type: 'code',
  client_id: CLIENT.id,
  redirect_uri: CLIENT.redirectUri,
  scope: 'openid profile',
  state,
})

async function tokenRequest(body: Record<string, string>): Promise<Response> {
  return fetch(`${idp.url}/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: BASIC },
    body: new URLSearchParams(body),
  })
}

function hiddenField(html: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]
  if (value === undefined) throw new Error(`no hidden field "${name}" in ${html.slice(0, 200)}`)
  return value
}

/** One unauthenticated authorization request carrying 20 KB of parameters the mock keeps. */
async function floodRequest(i: number): Promise<{ status: number; location: string }> {
  const big = (c: string) => c.repeat(4096)
  const response = await fetch(`${idp.url}/oauth/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      ...authorizationParams(`flood-${i}-${'s'.repeat(4000)}`),
      nonce: big('n'),
      login_hint: big('h'),
      ui_locales: big('u'),
      id_token_hint: big('i'),
    }),
  })
  await response.arrayBuffer()
  return { status: response.status, location: response.headers.get('location') ?? '' }
}

it('flood of authorization requests does not evict live state', async () => {
  // Live state before the flood: a session with remembered consent, an unredeemed code, tokens,
  // and a second user halfway through signing in (on the login page).
  const signedIn = await runLoginFlow({
    baseUrl: idp.url,
    params: authorizationParams('first'),
    username: 'alice',
    password: 'wonderland',
  })
  expect(signedIn.pages).toEqual(['login', 'consent'])
  const browser = signedIn.browser
  const tokensFlow = await runLoginFlow({ baseUrl: idp.url, params: authorizationParams('second'), browser })
  const issued = await tokenRequest({
    grant_type: 'authorization_code',
    code: tokensFlow.params.get('code')!,
    redirect_uri: CLIENT.redirectUri,
  })
  expect(issued.status).toBe(200)
  const tokens = (await issued.json()) as { access_token: string; refresh_token: string }
  const unredeemedCode = signedIn.params.get('code')!

  const halfway = new Browser()
  const started = await halfway.get(`${idp.url}/oauth/authorize?${new URLSearchParams(authorizationParams('third'))}`)
  const loginUrl = new URL(started.headers.get('location')!, idp.url).href
  const loginPage = await (await halfway.get(loginUrl)).text()

  // The flood: bounded, 16 requests at a time.
  const outcomes: Array<{ status: number; location: string }> = []
  for (let sent = 0; sent < FLOOD; sent += PARALLEL) {
    const batch = Array.from({ length: Math.min(PARALLEL, FLOOD - sent) }, (_, j) => floodRequest(sent + j))
    outcomes.push(...(await Promise.all(batch)))
  }
  expect(outcomes.filter(({ status }) => status !== 302)).toEqual([])
  const toLogin = outcomes.filter(({ location }) => location.startsWith(`${idp.url}/login?`))
  const refused = outcomes.filter(({ location }) => location.startsWith(CLIENT.redirectUri))
  expect(toLogin.length + refused.length).toBe(FLOOD)
  for (const { location } of refused) {
    expect(callbackParams(location).get('error')).toBe('temporarily_unavailable')
    expect(callbackParams(location).get('state')).toMatch(/^flood-\d+-s{4000}$/)
  }
  const usage = await idp.running.provider.store.usage()
  expect(usage.interactions.entries).toBeLessThanOrEqual(INTERACTIONS.maxEntries)
  expect(usage.interactions.bytes).toBeLessThanOrEqual(INTERACTIONS.maxBytes)
  // 20 KB a request: the byte budget, not the entry budget, is what bounds this flood.
  expect(usage.interactions.bytes).toBeGreaterThan(INTERACTIONS.maxBytes - 25_000)
  expect(usage.interactions.refused).toBe(refused.length)
  expect(refused.length).toBeGreaterThan(FLOOD - INTERACTIONS.maxEntries)
  for (const kind of ['sessions', 'codes', 'tokens'] as const) expect(usage[kind].evicted).toBe(0)

  // Everything that was live still works.
  const redeemed = await tokenRequest({
    grant_type: 'authorization_code',
    code: unredeemedCode,
    redirect_uri: CLIENT.redirectUri,
  })
  expect(redeemed.status).toBe(200)
  const userinfo = await fetch(`${idp.url}/userinfo`, { headers: { Authorization: `Bearer ${tokens.access_token}` } })
  expect(userinfo.status).toBe(200)
  expect(await userinfo.json()).toMatchObject({ sub: '248289761001' })
  const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token })
  expect(refreshed.status).toBe(200)
  const again = await runLoginFlow({ baseUrl: idp.url, params: authorizationParams('fourth'), browser })
  expect(again.pages).toEqual([]) // the session and its consent carry the flow without a page
  expect(again.params.get('code')).toBeTruthy()

  // The sign-in that was on its login page finishes too.
  const loggedIn = await halfway.postForm(new URL('/login', idp.url).href, {
    interaction: hiddenField(loginPage, 'interaction'),
    csrf: hiddenField(loginPage, 'csrf'),
    username: 'bob',
    password: 'builder',
    action: 'login',
  })
  expect(loggedIn.status).toBe(303)
  const consentPage = await (await halfway.get(new URL(loggedIn.headers.get('location')!, idp.url).href)).text()
  const approved = await halfway.postForm(new URL('/consent', idp.url).href, {
    interaction: hiddenField(consentPage, 'interaction'),
    csrf: hiddenField(consentPage, 'csrf'),
    decision: 'approve',
  })
  expect(approved.status).toBe(303)
  const callback = callbackParams(approved.headers.get('location')!)
  expect(callback.get('state')).toBe('third')
  const finished = await tokenRequest({
    grant_type: 'authorization_code',
    code: callback.get('code')!,
    redirect_uri: CLIENT.redirectUri,
  })
  expect(finished.status).toBe(200)
})
