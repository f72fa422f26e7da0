import * as cheerio from 'cheerio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Browser, callbackParams, runLoginFlow } from '../../test/support/login-flow.js'
import { OffsetClock } from '../clock.js'
import { type RunningMockIdp, serveMockIdp } from '../server.js'
import { type CodeRecord, storeKey } from '../store/records.js'

// RFC 7636 Appendix B.
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
const guide = {
  response_type: 'code',
  client_id: 's6BhdRkqt3',
  redirect_uri: 'https://client.example.org/cb',
  scope: 'openid profile user_profile additional_info',
  state: 'af0ifjsldkj',
}
const alice = { username: 'alice', password: 'wonderland' }

let idp: RunningMockIdp
beforeAll(async () => {
  idp = await serveMockIdp({ port: 0, log: { level: 'silent' } })
})
afterAll(() => idp.close())

function authorizeUrl(params: Record<string, string> | string, base = idp.url): string {
  return `${base}/oauth/authorize?${new URLSearchParams(params)}`
}

async function authorize(params: Record<string, string> | string, init: RequestInit = {}): Promise<Response> {
  return fetch(authorizeUrl(params), { redirect: 'manual', ...init })
}

async function errorPageOf(response: Response) {
  expect(response.headers.get('location')).toBeNull()
  expect(response.headers.get('content-type')).toMatch(/^text\/html/)
  const $ = cheerio.load(await response.text())
  expect($('[data-testid="error-page"]')).toHaveLength(1)
  return { error: $('[data-testid="error-code"]').text(), description: $('[data-testid="error-description"]').text() }
}

function redirectParams(response: Response, prefix: string): URLSearchParams {
  const location = response.headers.get('location') ?? ''
  expect(location.startsWith(prefix)).toBe(true)
  return callbackParams(location)
}

describe('authorization endpoint', () => {
  it('shows an error page, not a redirect, for an unknown client', async () => {
    const response = await authorize({ ...guide, client_id: 'unknown-client' })
    expect(response.status).toBe(400)
    const page = await errorPageOf(response)
    expect(page.error).toBe('invalid_client')
    expect(page.description).toContain('"unknown-client"')
  })

  it('shows an error page naming the received and registered redirect URIs on a mismatch', async () => {
    const response = await authorize({ ...guide, redirect_uri: 'https://client.example.org/cb/' })
    expect(response.status).toBe(400)
    const page = await errorPageOf(response)
    expect(page.error).toBe('invalid_request')
    expect(page.description).toContain('"https://client.example.org/cb/"')
    expect(page.description).toContain('Registered: "https://client.example.org/cb", "https://client.example.org/cb?"')
    expect(page.description).toContain('differs only by a trailing "/"')
  })

  it('shows an error page when an OpenID request omits redirect_uri', async () => {
    const { redirect_uri: _omitted, ...rest } = guide
    expect((await errorPageOf(await authorize(rest))).description).toContain('OIDC Core §3.1.2.1')
  })

  it('redirects later errors with error, error_description, state and iss', async () => {
    const response = await authorize({ ...guide, response_type: 'token' })
    expect(response.status).toBe(302)
    const params = redirectParams(response, 'https://client.example.org/cb?')
    expect(params.get('error')).toBe('unsupported_response_type')
    expect(params.get('error_description')).toContain('token')
    expect(params.get('state')).toBe('af0ifjsldkj')
    expect(params.get('iss')).toBe(idp.issuer)
  })

  it('redirects a missing response_type as invalid_request', async () => {
    const { response_type: _omitted, ...rest } = guide
    expect(redirectParams(await authorize(rest), 'https://client.example.org/cb').get('error')).toBe('invalid_request')
  })

  it('redirects a repeated parameter as invalid_request', async () => {
    const response = await authorize(`${new URLSearchParams(guide)}&nonce=a&nonce=b`)
    const params = redirectParams(response, 'https://client.example.org/cb?')
    expect(params.get('error')).toBe('invalid_request')
    expect(params.get('error_description')).toContain('more than once')
    expect(params.get('state')).toBe('af0ifjsldkj')
  })

  it('shows an error page for a repeated client_id', async () => {
    const response = await authorize(`${new URLSearchParams(guide)}&client_id=codeflow-basic`)
    expect(response.status).toBe(400)
    expect((await errorPageOf(response)).description).toContain(
      '"client_id" parameter must not be included more than once',
    )
  })

  it('redirects unknown scopes as invalid_scope', async () => {
    const params = redirectParams(await authorize({ ...guide, scope: 'openid admin' }), 'https://client.example.org/cb')
    expect(params.get('error')).toBe('invalid_scope')
    expect(params.get('iss')).toBe(idp.issuer)
  })

  it('answers request and request_uri with their OIDC error codes', async () => {
    const request = redirectParams(await authorize({ ...guide, request: 'a.b.c' }), 'https://client.example.org/cb')
    expect(request.get('error')).toBe('request_not_supported')
    const requestUri = redirectParams(
      await authorize({ ...guide, request_uri: 'urn:x' }),
      'https://client.example.org/cb',
    )
    expect(requestUri.get('error')).toBe('request_uri_not_supported')
  })

  it("answers the integration guide's sample POST, parameters in the query, after login", async () => {
    const result = await runLoginFlow({
      baseUrl: idp.url,
      params: { ...guide, redirect_uri: 'https://client.example.org/cb?' },
      method: 'POST',
      paramsIn: 'query',
      ...alice,
    })
    expect(result.pages).toEqual(['login', 'consent'])
    expect(result.callbackUrl).toMatch(
      /^https:\/\/client\.example\.org\/cb\?code=[A-Za-z0-9_-]{43}&state=af0ifjsldkj&iss=/,
    )
    expect(result.callbackUrl).not.toContain('??')
    expect(result.params.get('iss')).toBe(idp.issuer)
  })

  it('accepts a POST with the parameters in a form body', async () => {
    const result = await runLoginFlow({ baseUrl: idp.url, params: guide, method: 'POST', ...alice })
    expect(result.params.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('counts a parameter in both the query and the form body as repeated', async () => {
    const response = await fetch(authorizeUrl({ scope: 'openid' }), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(guide).toString(),
    })
    const params = redirectParams(response, 'https://client.example.org/cb')
    expect(params.get('error')).toBe('invalid_request')
    expect(params.get('error_description')).toContain("'scope'")
    expect(params.get('state')).toBe('af0ifjsldkj')
  })

  it('shows an error page for a POST body that is not form-encoded', async () => {
    const response = await fetch(authorizeUrl(''), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(guide),
    })
    expect(response.status).toBe(400)
    expect((await errorPageOf(response)).description).toContain('application/x-www-form-urlencoded')
  })

  it('echoes a long state with unusual characters byte for byte', async () => {
    const state = `${'é ü+%20&=?#/\\\'"<>{}|^`~!*()日本'.repeat(40)}${'x'.repeat(1000)}`
    const result = await runLoginFlow({ baseUrl: idp.url, params: { ...guide, state }, ...alice })
    expect(result.params.get('state')).toBe(state)
    expect(decodeURIComponent(result.callbackUrl.split('&state=')[1]!.split('&')[0]!)).toBe(state)
  })

  it('echoes state on error redirects too', async () => {
    const state = 'a b+c%2F&d'
    const params = redirectParams(await authorize({ ...guide, state, scope: 'nope' }), 'https://client.example.org/cb')
    expect(params.get('state')).toBe(state)
  })

  it('redirects an oversized parameter as invalid_request', async () => {
    const params = redirectParams(
      await authorize({ ...guide, nonce: 'n'.repeat(5000) }),
      'https://client.example.org/cb',
    )
    expect(params.get('error')).toBe('invalid_request')
    expect(params.get('error_description')).toContain('exceeds 4096 characters')
  })

  it('requires PKCE from a public client', async () => {
    const response = await authorize({
      ...guide,
      client_id: 'codeflow-public',
      redirect_uri: 'http://localhost:3000/callback',
      scope: 'openid',
    })
    const params = redirectParams(response, 'http://localhost:3000/callback?')
    expect(params.get('error')).toBe('invalid_request')
    expect(params.get('error_description')).toContain('code_challenge')
  })

  it('rejects a plain PKCE challenge by default', async () => {
    const response = await authorize({ ...guide, code_challenge: CHALLENGE, code_challenge_method: 'plain' })
    const params = redirectParams(response, 'https://client.example.org/cb')
    expect(params.get('error')).toBe('invalid_request')
    expect(params.get('error_description')).toContain('plain')
  })

  it('binds the code to the client, redirect URI, scope, nonce and S256 challenge', async () => {
    const result = await runLoginFlow({
      baseUrl: idp.url,
      params: {
        ...guide,
        client_id: 'codeflow-public',
        redirect_uri: 'http://127.0.0.1:3000/callback',
        scope: 'openid email',
        nonce: 'n-0S6',
        code_challenge: CHALLENGE,
        code_challenge_method: 'S256',
      },
      ...alice,
    })
    const code = result.params.get('code')!
    const record = await idp.provider.store.get<CodeRecord>(storeKey.code(code))
    expect(record).toMatchObject({
      clientId: 'codeflow-public',
      redirectUri: 'http://127.0.0.1:3000/callback',
      scope: ['openid', 'email'],
      sub: '248289761001',
      nonce: 'n-0S6',
      codeChallenge: CHALLENGE,
      codeChallengeMethod: 'S256',
    })
    expect(record!.expiresAt - record!.issuedAt).toBe(60)
    expect(record!.grantId).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(record!.sessionId).toBeDefined()
  })

  it('answers prompt=none without a session with login_required', async () => {
    const params = redirectParams(await authorize({ ...guide, prompt: 'none' }), 'https://client.example.org/cb')
    expect(params.get('error')).toBe('login_required')
    expect(params.get('state')).toBe('af0ifjsldkj')
    expect(params.get('iss')).toBe(idp.issuer)
  })

  it('redirects prompt=none combined with login as invalid_request', async () => {
    expect(
      redirectParams(await authorize({ ...guide, prompt: 'none login' }), 'https://client.example.org/cb').get('error'),
    ).toBe('invalid_request')
  })

  it('issues a code silently for prompt=none with a session and consent, and consent_required for new scopes', async () => {
    const { browser } = await runLoginFlow({ baseUrl: idp.url, params: guide, ...alice })
    const silent = await browser.get(authorizeUrl({ ...guide, prompt: 'none' }))
    expect(silent.status).toBe(302)
    expect(redirectParams(silent, 'https://client.example.org/cb').get('code')).toBeTruthy()
    const more = await browser.get(authorizeUrl({ ...guide, prompt: 'none', scope: 'openid email' }))
    expect(redirectParams(more, 'https://client.example.org/cb').get('error')).toBe('consent_required')
  })

  it('skips login and the remembered consent for a second request in the same session', async () => {
    const first = await runLoginFlow({ baseUrl: idp.url, params: guide, ...alice })
    const second = await runLoginFlow({ baseUrl: idp.url, params: { ...guide, state: 'two' }, browser: first.browser })
    expect(second.pages).toEqual([])
    expect(second.params.get('state')).toBe('two')
  })

  it('forces the login page with prompt=login despite a session', async () => {
    const { browser } = await runLoginFlow({ baseUrl: idp.url, params: guide, ...alice })
    const response = await browser.get(authorizeUrl({ ...guide, prompt: 'login' }))
    expect(response.headers.get('location')).toMatch(new RegExp(`^${idp.url}/login\\?interaction=`))
    const again = await runLoginFlow({ baseUrl: idp.url, params: { ...guide, prompt: 'login' }, browser, ...alice })
    expect(again.pages).toEqual(['login'])
  })

  it('treats max_age=0 like prompt=login', async () => {
    const { browser } = await runLoginFlow({ baseUrl: idp.url, params: guide, ...alice })
    const response = await browser.get(authorizeUrl({ ...guide, max_age: '0' }))
    expect(response.headers.get('location')).toContain('/login?interaction=')
  })

  it('forces a new login once the session is older than max_age', async () => {
    const clock = new OffsetClock()
    const aged = await serveMockIdp({ port: 0, log: { level: 'silent' } }, { clock })
    try {
      const { browser } = await runLoginFlow({ baseUrl: aged.url, params: guide, ...alice })
      const fresh = await browser.get(authorizeUrl({ ...guide, max_age: '600' }, aged.url))
      expect(fresh.headers.get('location')).toMatch(/^https:\/\/client\.example\.org\/cb\?code=/)
      clock.advance(601_000)
      const stale = await browser.get(authorizeUrl({ ...guide, max_age: '600' }, aged.url))
      expect(stale.headers.get('location')).toContain('/login?interaction=')
      const silent = await browser.get(authorizeUrl({ ...guide, max_age: '600', prompt: 'none' }, aged.url))
      expect(callbackParams(silent.headers.get('location')!).get('error')).toBe('login_required')
    } finally {
      await aged.close()
    }
  })

  it('redirects a max_age that is not a non-negative integer as invalid_request', async () => {
    expect(
      redirectParams(await authorize({ ...guide, max_age: '-5' }), 'https://client.example.org/cb').get('error'),
    ).toBe('invalid_request')
  })

  it('prefills the username from login_hint', async () => {
    const browser = new Browser()
    const response = await browser.get(authorizeUrl({ ...guide, login_hint: 'bob' }))
    const page = await browser.get(response.headers.get('location')!)
    const $ = cheerio.load(await page.text())
    expect($('input[data-testid="login-username"]').attr('value')).toBe('bob')
  })

  it('signs in the login_hint user without a page in headless mode, skipping consent for skip_consent clients', async () => {
    const headless = await serveMockIdp({
      port: 0,
      log: { level: 'silent' },
      headless: { loginHint: true },
      clients: [
        { client_id: 'first-party', client_secret: 's', redirect_uris: ['https://rp.example/cb'], skip_consent: true },
      ],
    })
    try {
      const response = await fetch(
        authorizeUrl(
          {
            response_type: 'code',
            client_id: 'first-party',
            redirect_uri: 'https://rp.example/cb',
            scope: 'openid',
            login_hint: 'bob',
            state: 's',
          },
          headless.url,
        ),
        { redirect: 'manual' },
      )
      expect(response.status).toBe(302)
      const params = redirectParams(response, 'https://rp.example/cb?code=')
      expect(params.get('state')).toBe('s')
      expect(params.get('iss')).toBe(headless.issuer)
      expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith('codeflow_session='))).toBe(true)
      const record = await headless.provider.store.get<CodeRecord>(storeKey.code(params.get('code')!))
      expect(record?.sub).toBe('248289761002')
      const silent = await fetch(
        authorizeUrl(
          {
            response_type: 'code',
            client_id: 'first-party',
            redirect_uri: 'https://rp.example/cb',
            scope: 'openid',
            login_hint: 'bob',
            prompt: 'none',
          },
          headless.url,
        ),
        { redirect: 'manual' },
      )
      expect(callbackParams(silent.headers.get('location')!).get('error')).toBe('login_required')
    } finally {
      await headless.close()
    }
  })

  it('puts the response in the fragment for response_mode=fragment', async () => {
    const result = await runLoginFlow({ baseUrl: idp.url, params: { ...guide, response_mode: 'fragment' }, ...alice })
    expect(result.mode).toBe('fragment')
    expect(result.callbackUrl).toMatch(/^https:\/\/client\.example\.org\/cb#code=/)
    expect(result.params.get('iss')).toBe(idp.issuer)
  })

  it('answers response_mode=form_post with an auto-submitting form allowed by its CSP', async () => {
    const result = await runLoginFlow({ baseUrl: idp.url, params: { ...guide, response_mode: 'form_post' }, ...alice })
    expect(result.mode).toBe('form_post')
    expect([...result.params.keys()]).toEqual(['code', 'state', 'iss'])
    const response = await result.browser.get(authorizeUrl({ ...guide, response_mode: 'form_post' }))
    expect(response.status).toBe(200)
    const csp = response.headers.get('content-security-policy')!
    expect(csp).toMatch(/script-src 'sha256-/)
    expect(csp.split(';').find((directive) => directive.trim().startsWith('script-src'))).not.toContain('unsafe')
    const $ = cheerio.load(await response.text())
    expect($('form').attr('action')).toBe('https://client.example.org/cb')
    expect($('script')).toHaveLength(1)
  })

  it('sends errors in the requested form_post mode', async () => {
    const response = await authorize({ ...guide, response_mode: 'form_post', scope: 'bogus' })
    expect(response.status).toBe(200)
    const $ = cheerio.load(await response.text())
    expect($('input[name="error"]').attr('value')).toBe('invalid_scope')
    expect($('input[name="state"]').attr('value')).toBe('af0ifjsldkj')
    expect($('input[name="iss"]').attr('value')).toBe(idp.issuer)
  })

  it('never answers malformed input with a server error', async () => {
    const inputs = [
      'client_id=%zz',
      '%ff%fe=1',
      `client_id=${'a'.repeat(5000)}`,
      'response_type=code&client_id=s6BhdRkqt3&redirect_uri=https://client.example.org/cb&scope=%00',
      'response_type=code&client_id=s6BhdRkqt3&redirect_uri=https://client.example.org/cb&scope=openid&max_age=1e999',
      'response_type=code&client_id=s6BhdRkqt3&redirect_uri=https://client.example.org/cb&scope=openid&prompt=%20%20',
      'client_id[]=x&redirect_uri[]=y',
    ]
    for (const query of inputs) {
      const response = await fetch(`${idp.url}/oauth/authorize?${query}`, { redirect: 'manual' })
      expect(response.status, query).toBeLessThan(500)
      expect(await response.text(), query).not.toMatch(/at \w+ \(|node_modules/)
    }
  })

  it('sets an HttpOnly, SameSite=Lax, non-Secure browser cookie over http', async () => {
    const response = await authorize(guide)
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith('codeflow_browser='))
    expect(cookie).toBeDefined()
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Lax')
    expect(cookie).toContain('Path=/')
    expect(cookie).not.toContain('Secure')
  })
})
