import * as cheerio from 'cheerio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Browser, runLoginFlow } from '../../test/support/login-flow.js'
import { resolveConfig } from '../config/load.js'
import { type RunningMockIdp, serveMockIdp } from '../server.js'
import { SAMPLE } from '../test-support/back-channel.js'

// Switching behaviours on by request is for test tooling only. A mock started as `codeflow idp`
// starts it (config from file, environment and flags, nothing asking for request behaviours) must
// refuse a request that names one: on a shared mock, one link would otherwise switch its rules off.

const EVIL = 'https://evil.example/'

function authorizeUrl(idp: RunningMockIdp, params: Record<string, string>): string {
  const query = new URLSearchParams({ response_type: 'code', scope: 'openid', state: 'st-1', ...params })
  return `${idp.url}${idp.provider.config.paths.authorization}?${query}`
}

/** A browser in which alice has signed in to the sample client and approved it (so no page shows again). */
async function signedInBrowser(idp: RunningMockIdp): Promise<Browser> {
  const flow = await runLoginFlow({
    baseUrl: idp.url,
    params: { response_type: 'code', scope: 'openid', client_id: SAMPLE.clientId, redirect_uri: SAMPLE.redirectUri },
    username: 'alice',
    password: 'wonderland',
  })
  expect(flow.params.has('code')).toBe(true)
  return flow.browser
}

async function pageError(response: Response): Promise<{ code: string; description: string }> {
  const $ = cheerio.load(await response.text())
  return { code: $('[data-testid="error-code"]').text(), description: $('[data-testid="error-description"]').text() }
}

let shared: RunningMockIdp
let tooling: RunningMockIdp
beforeAll(async () => {
  shared = await serveMockIdp(resolveConfig({ env: {}, overrides: { port: 0, log: { level: 'silent' } } }))
  tooling = await serveMockIdp({ port: 0, log: { level: 'silent' }, allowRequestBehaviours: true })
})
afterAll(async () => {
  await shared?.close()
  await tooling?.close()
})

describe('a mock started like codeflow idp (request behaviours not allowed)', () => {
  it('does not allow request behaviours unless asked to', () => {
    expect(shared.provider.config.allowRequestBehaviours).toBe(false)
  })

  it("sends no signed-in user's code to an unregistered redirect_uri named with codeflow_behaviour (stolen code)", async () => {
    const browser = await signedInBrowser(shared)
    for (const behaviour of ['redirect-uri-not-checked', 'unknown-client-redirected']) {
      const response = await browser.get(
        authorizeUrl(shared, { client_id: SAMPLE.clientId, redirect_uri: EVIL, codeflow_behaviour: behaviour }),
      )
      expect(response.headers.get('location'), behaviour).toBeNull()
      expect(response.status).toBe(400)
      expect((await pageError(response)).code).toBe('invalid_request')
    }
    const unknownClient = await browser.get(
      authorizeUrl(shared, { client_id: 'evil', redirect_uri: EVIL, codeflow_behaviour: 'unknown-client-redirected' }),
    )
    expect(unknownClient.headers.get('location')).toBeNull()
    expect(unknownClient.status).toBe(400)
  })

  it("sends no signed-in user's code to an unregistered redirect_uri named with the codeflow-behaviour header (stolen code)", async () => {
    const browser = await signedInBrowser(shared)
    const response = await browser.request(authorizeUrl(shared, { client_id: SAMPLE.clientId, redirect_uri: EVIL }), {
      headers: { 'codeflow-behaviour': 'redirect-uri-not-checked' },
    })
    expect(response.headers.get('location')).toBeNull()
    expect(response.status).toBe(400)
  })

  it('answers a valid request that names a behaviour with an invalid_request redirect to its registered redirect_uri', async () => {
    const browser = await signedInBrowser(shared)
    const response = await browser.get(
      authorizeUrl(shared, {
        client_id: SAMPLE.clientId,
        redirect_uri: SAMPLE.redirectUri,
        codeflow_behaviour: 'state-dropped',
      }),
    )
    expect(response.status).toBe(302)
    const location = new URL(response.headers.get('location')!)
    expect(`${location.origin}${location.pathname}`).toBe(SAMPLE.redirectUri)
    expect(location.searchParams.get('error')).toBe('invalid_request')
    expect(location.searchParams.get('error_description')).toContain('--allow-request-behaviours')
    expect(location.searchParams.get('state')).toBe('st-1')
    expect(location.searchParams.get('iss')).toBe(shared.issuer)
    expect(location.searchParams.has('code')).toBe(false)
  })

  it('refuses state-reflected-unescaped named by parameter: the state stays escaped', async () => {
    const state = '<form action="https://evil.example/"><input name="password"></form>'
    const response = await fetch(
      authorizeUrl(shared, { client_id: 'nope', state, codeflow_behaviour: 'state-reflected-unescaped' }),
    )
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).not.toContain('<form')
  })

  it('refuses pages-frameable named by parameter on the login page', async () => {
    const start = await new Browser().get(
      authorizeUrl(shared, { client_id: SAMPLE.clientId, redirect_uri: SAMPLE.redirectUri }),
    )
    const login = new URL(start.headers.get('location')!, shared.url)
    login.searchParams.set('codeflow_behaviour', 'pages-frameable')
    const response = await fetch(login)
    expect(response.status).toBe(400)
    expect(await pageError(response)).toMatchObject({ code: 'invalid_request' })
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
  })

  it('refuses a behaviour named at a back-channel endpoint with a JSON invalid_request saying how to allow it', async () => {
    const response = await fetch(`${shared.url}${shared.provider.config.paths.token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'codeflow-behaviour': 'code-reuse-accepted' },
      body: 'grant_type=authorization_code&code=x',
    })
    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: string; error_description: string }
    expect(body.error).toBe('invalid_request')
    expect(body.error_description).toContain('cannot be switched on by request on this mock')
  })

  it('ignores an empty codeflow-behaviour header and a state that merely contains the parameter name', async () => {
    const flow = await runLoginFlow({
      baseUrl: shared.url,
      params: {
        response_type: 'code',
        scope: 'openid',
        client_id: SAMPLE.clientId,
        redirect_uri: SAMPLE.redirectUri,
        state: 'codeflow_behaviour',
      },
      username: 'alice',
      password: 'wonderland',
      fetch: (input, init) => {
        const headers = new Headers(init?.headers)
        headers.set('codeflow-behaviour', '')
        return fetch(input, { ...init, headers })
      },
    })
    expect(flow.params.has('code')).toBe(true)
    expect(flow.params.get('state')).toBe('codeflow_behaviour')
  })
})

describe('a mock started for tests (allowRequestBehaviours)', () => {
  it('lets the same link switch the deviation on: the code goes to the unregistered redirect_uri', async () => {
    const browser = await signedInBrowser(tooling)
    const response = await browser.get(
      authorizeUrl(tooling, {
        client_id: SAMPLE.clientId,
        redirect_uri: EVIL,
        codeflow_behaviour: 'redirect-uri-not-checked',
      }),
    )
    expect(response.status).toBe(302)
    const location = new URL(response.headers.get('location')!)
    expect(location.origin).toBe('https://evil.example')
    expect(location.searchParams.has('code')).toBe(true)
  })
})
