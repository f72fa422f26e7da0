import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runLoginFlow } from '../../test/support/login-flow.js'
import { checkBehaviourIds } from '../config/behaviour-ids.js'
import { ConfigError, parseConfig } from '../config/load.js'
import { basic, SAMPLE, startServer, type TestServer } from '../test-support/back-channel.js'

// How behaviours are switched on: globally, per client, per request (header or parameter) and per
// flow. The deviations themselves are proven by the self-check run (test/self-check/).

const PKCE_FREE = {
  response_type: 'code',
  scope: 'openid',
  redirect_uri: SAMPLE.redirectUri,
  client_id: SAMPLE.clientId,
}

async function signIn(server: TestServer, extra: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const withHeaders: typeof fetch = (input, init) => {
    const merged = new Headers(init?.headers)
    for (const [name, value] of Object.entries(headers)) merged.set(name, value)
    return fetch(input, { ...init, headers: merged })
  }
  return runLoginFlow({
    baseUrl: server.running.url,
    params: { ...PKCE_FREE, state: 'st-1', nonce: 'n-1', ...extra },
    username: 'alice',
    password: 'wonderland',
    consent: 'approve',
    fetch: withHeaders,
  })
}

async function redeem(server: TestServer, code: string, headers: Record<string, string> = {}) {
  const response = await server.token(
    { grant_type: 'authorization_code', code, redirect_uri: SAMPLE.redirectUri },
    { Authorization: basic(SAMPLE.clientId, SAMPLE.secret), ...headers },
  )
  return { status: response.status, body: (await response.json()) as Record<string, string> }
}

async function refresh(server: TestServer, refreshToken: string) {
  const response = await server.token(
    { grant_type: 'refresh_token', refresh_token: refreshToken },
    { Authorization: basic(SAMPLE.clientId, SAMPLE.secret) },
  )
  return { status: response.status, body: (await response.json()) as Record<string, string> }
}

async function userinfo(server: TestServer, accessToken: string, method: 'GET' | 'POST' = 'GET') {
  const response = await fetch(`${server.running.url}/userinfo`, {
    method,
    headers: { Authorization: `Bearer ${accessToken}` },
  })
  const body = (await response.json()) as { sub?: string }
  return { status: response.status, sub: body.sub }
}

describe('switching behaviours on', () => {
  let strict: TestServer
  beforeAll(async () => {
    strict = await startServer({ allowRequestBehaviours: true })
  })
  afterAll(() => strict.close())

  it('keeps state when no behaviour is on', async () => {
    const flow = await signIn(strict)
    expect(flow.params.get('state')).toBe('st-1')
  })

  it('applies a header-named behaviour to that request only', async () => {
    const flow = await signIn(strict, {}, { 'codeflow-behaviour': 'state-dropped' })
    expect(flow.params.has('code')).toBe(true)
    expect(flow.params.has('state')).toBe(false)
    const again = await signIn(strict)
    expect(again.params.get('state')).toBe('st-1')
  })

  it('carries a behaviour named on the authorization request through login to the code redemption', async () => {
    const flow = await signIn(strict, { codeflow_behaviour: 'id-token-nonce-omitted' })
    const { status, body } = await redeem(strict, flow.params.get('code')!)
    expect(status).toBe(200)
    expect(decodeJwt(body.id_token!).nonce).toBeUndefined()

    const plain = await signIn(strict)
    const tokens = await redeem(strict, plain.params.get('code')!)
    expect(decodeJwt(tokens.body.id_token!).nonce).toBe('n-1')
  })

  it('carries a behaviour named on the authorization request on to UserInfo with its access token', async () => {
    // id-token-sub-too-long changes the identifier itself (the `subject` seam): the ID token and
    // UserInfo give the same 300-character sub, so the only rule broken is the length (OIDC Core §2).
    const flow = await signIn(strict, { codeflow_behaviour: 'id-token-sub-too-long' })
    const { body } = await redeem(strict, flow.params.get('code')!)
    const sub = decodeJwt(body.id_token!).sub!
    expect(sub).toHaveLength(300)
    expect(sub.startsWith('248289761001')).toBe(true)
    expect(await userinfo(strict, body.access_token!)).toEqual({ status: 200, sub })

    // Another flow's token, without the behaviour, gets the plain sub at UserInfo.
    const plain = await signIn(strict)
    const tokens = await redeem(strict, plain.params.get('code')!)
    expect(await userinfo(strict, tokens.body.access_token!)).toEqual({ status: 200, sub: '248289761001' })
  })

  it('carries a behaviour named on the authorization request on to every refresh of its grant', async () => {
    // OIDC Core §12.2: a refreshed ID token has the sub of the one the flow issued, so a behaviour
    // that changes the sub must change it at refresh too, or the flow breaks a second rule.
    const flow = await signIn(strict, { codeflow_behaviour: 'id-token-sub-too-long' })
    const { body } = await redeem(strict, flow.params.get('code')!)
    const sub = decodeJwt(body.id_token!).sub!
    expect(sub).toHaveLength(300)
    const first = await refresh(strict, body.refresh_token!)
    expect(first.status).toBe(200)
    expect(decodeJwt(first.body.id_token!).sub).toBe(sub)
    expect(await userinfo(strict, first.body.access_token!)).toEqual({ status: 200, sub })
    // The rotated refresh token carries the behaviours on.
    const second = await refresh(strict, first.body.refresh_token!)
    expect(decodeJwt(second.body.id_token!).sub).toBe(sub)

    const plain = await signIn(strict)
    const tokens = await redeem(strict, plain.params.get('code')!)
    const refreshed = await refresh(strict, tokens.body.refresh_token!)
    expect(decodeJwt(refreshed.body.id_token!).sub).toBe('248289761001')
  })

  it('applies a `request` behaviour named on the authorization request at UserInfo, once the token is read', async () => {
    const flow = await signIn(strict, { codeflow_behaviour: 'userinfo-post-refused' })
    const { body } = await redeem(strict, flow.params.get('code')!)
    expect((await userinfo(strict, body.access_token!, 'POST')).status).toBe(405)
    expect(await userinfo(strict, body.access_token!, 'GET')).toEqual({ status: 200, sub: '248289761001' })
  })

  it('refuses a code redemption by a `request` behaviour named on the flow, and gives the code back', async () => {
    const flow = await signIn(strict, { codeflow_behaviour: 'token-unknown-param-refused' })
    const code = flow.params.get('code')!
    const refused = await strict.token(
      { grant_type: 'authorization_code', code, redirect_uri: SAMPLE.redirectUri, resource_hint: 'x' },
      { Authorization: basic(SAMPLE.clientId, SAMPLE.secret) },
    )
    expect(refused.status).toBe(400)
    expect(await refused.json()).toMatchObject({ error: 'invalid_request' })
    // Refused as if before the code was looked up: it is neither spent nor taken as reused.
    const { status, body } = await redeem(strict, code)
    expect(status).toBe(200)
    expect(await userinfo(strict, body.access_token!)).toEqual({ status: 200, sub: '248289761001' })
    // And it is single-use from then on, as ever.
    expect((await redeem(strict, code)).status).toBe(400)
  })

  it('refuses an unknown behaviour with invalid_request naming the closest one', async () => {
    const response = await strict.token(
      { grant_type: 'authorization_code', code: 'x' },
      { 'codeflow-behaviour': 'state-droped' },
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: 'invalid_request',
      // RFC 6749 §5.2 keeps '"' out of error_description, so the quotes become apostrophes.
      error_description: expect.stringContaining("unknown behaviour 'state-droped'; did you mean 'state-dropped'?"),
    })
  })
})

const OTHER = { clientId: 'other', secret: 'other-secret-0123456789' }

/** The sample client with one behaviour of its own, and another client without. */
function sampleClientWith(behaviour: string) {
  return {
    clients: [
      {
        client_id: SAMPLE.clientId,
        client_secret: SAMPLE.secret,
        redirect_uris: [SAMPLE.redirectUri],
        behaviours: [behaviour],
      },
      { client_id: OTHER.clientId, client_secret: OTHER.secret, redirect_uris: [SAMPLE.redirectUri] },
    ],
  }
}

describe('behaviours from config', () => {
  it('applies a global behaviour to every request', async () => {
    const server = await startServer({ behaviours: ['code-reuse-accepted'] })
    try {
      const code = await server.seedCode()
      expect((await redeem(server, code)).status).toBe(200)
      expect((await redeem(server, code)).status).toBe(200)
    } finally {
      await server.close()
    }
  })

  it("applies a client's behaviour to that client only", async () => {
    const server = await startServer(sampleClientWith('state-dropped'))
    try {
      expect((await signIn(server)).params.has('state')).toBe(false)
      expect((await signIn(server, { client_id: OTHER.clientId })).params.get('state')).toBe('st-1')
    } finally {
      await server.close()
    }
  })

  it("applies a client's behaviour at UserInfo, where the access token names the client", async () => {
    const server = await startServer(sampleClientWith('userinfo-sub-differs'))
    try {
      const flow = await signIn(server)
      const { body } = await redeem(server, flow.params.get('code')!)
      const answer = await userinfo(server, body.access_token!)
      expect(answer.status).toBe(200)
      expect(answer.sub).not.toBe(decodeJwt(body.id_token!).sub)

      const other = await signIn(server, { client_id: OTHER.clientId })
      const response = await server.token(
        { grant_type: 'authorization_code', code: other.params.get('code')!, redirect_uri: SAMPLE.redirectUri },
        { Authorization: basic(OTHER.clientId, OTHER.secret) },
      )
      const tokens = (await response.json()) as Record<string, string>
      expect(await userinfo(server, tokens.access_token!)).toEqual({
        status: 200,
        sub: decodeJwt(tokens.id_token!).sub,
      })
    } finally {
      await server.close()
    }
  })

  it("applies a client's `request` behaviour at UserInfo, which the request seam alone could not", async () => {
    const server = await startServer(sampleClientWith('userinfo-post-refused'))
    try {
      const flow = await signIn(server)
      const { body } = await redeem(server, flow.params.get('code')!)
      expect((await userinfo(server, body.access_token!, 'POST')).status).toBe(405)
      expect((await userinfo(server, body.access_token!, 'GET')).status).toBe(200)

      const other = await signIn(server, { client_id: OTHER.clientId })
      const response = await server.token(
        { grant_type: 'authorization_code', code: other.params.get('code')!, redirect_uri: SAMPLE.redirectUri },
        { Authorization: basic(OTHER.clientId, OTHER.secret) },
      )
      const tokens = (await response.json()) as Record<string, string>
      expect((await userinfo(server, tokens.access_token!, 'POST')).status).toBe(200)
    } finally {
      await server.close()
    }
  })

  it('rejects an unknown behaviour in the config with the path and a suggestion', async () => {
    const checked = checkBehaviourIds(parseConfig({ behaviours: ['iss-wrnog'] }))
    await expect(checked).rejects.toThrow(ConfigError)
    await expect(checked).rejects.toThrow(/behaviours\[0\]: unknown behaviour "iss-wrnog"; did you mean "iss-wrong"\?/)
  })
})
