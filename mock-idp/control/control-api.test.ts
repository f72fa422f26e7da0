import type { Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConfig } from '../config/load.js'
import { createMockIdp, type MockIdp } from '../index.js'
import { rawExchange, uploadUntilAnswered } from '../test-support/raw-http.js'
import { CONTROL_ROUTES } from './control-api.js'
import { controlApiOpenApi } from './openapi.js'

const TOKEN = 'control-token-0123456789'

describe('the HTTP control API', () => {
  let idp: MockIdp
  const control = (path: string, init: RequestInit = {}, token: string | null = TOKEN) =>
    fetch(`${idp.url}/_codeflow${path}`, {
      ...init,
      headers: {
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
    })

  beforeAll(async () => {
    idp = await createMockIdp({ log: { level: 'silent' }, control: { enabled: true, token: TOKEN } })
  })
  afterAll(() => idp.close())

  it('refuses a request without the token, with a Bearer challenge', async () => {
    const response = await control('/overrides', {}, null)
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /)
    expect((await control('/overrides', {}, 'wrong-token-0123456789')).status).toBe(401)
  })

  it('queues an override that the next request honours', async () => {
    const queued = await control('/use', {
      method: 'POST',
      body: JSON.stringify({ endpoint: 'userinfo', respond: { status: 503 } }),
    })
    expect(queued.status).toBe(201)
    expect(await (await control('/overrides')).json()).toEqual([
      { endpoint: 'userinfo', respond: { status: 503 }, remaining: 1 },
    ])
    expect((await fetch(`${idp.url}/userinfo`)).status).toBe(503)
    expect((await fetch(`${idp.url}/userinfo`)).status).toBe(401)
  })

  it('explains a bad override in OAuth terms', async () => {
    const response = await control('/use', { method: 'POST', body: JSON.stringify({ behaviour: 'iss-wrnog' }) })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      error: 'invalid_request',
      error_description: expect.stringContaining('did you mean "iss-wrong"'),
    })
    expect((await control('/use', { method: 'POST', body: 'not json' })).status).toBe(400)
  })

  it('lists recorded requests, redacted unless asked, and resets them', async () => {
    await fetch(`${idp.url}/userinfo`, { headers: { Authorization: 'Bearer secret-access-token' } })
    const recorded = (await (await control('/requests?endpoint=userinfo')).json()) as Array<{
      headers: Record<string, string>
    }>
    expect(recorded.at(-1)?.headers.authorization).toBe('Bearer [REDACTED]')
    const raw = (await (await control('/requests?endpoint=userinfo&redact=false')).json()) as typeof recorded
    expect(raw.at(-1)?.headers.authorization).toBe('Bearer secret-access-token')
    expect((await control('/reset', { method: 'POST' })).status).toBe(204)
    expect(await (await control('/requests')).json()).toEqual([])
  })

  it('moves the clock forward and rewinds it on reset', async () => {
    const { now: before } = (await (await control('/clock')).json()) as { now: number }
    const advanced = await control('/clock/advance', { method: 'POST', body: JSON.stringify({ ms: 86_400_000 }) })
    expect(((await advanced.json()) as { now: number }).now - before).toBeGreaterThanOrEqual(86_400_000)
    expect((await control('/clock/advance', { method: 'POST', body: JSON.stringify({ ms: -5 }) })).status).toBe(400)
    await control('/reset', { method: 'POST' })
    expect(((await (await control('/clock')).json()) as { now: number }).now - before).toBeLessThan(86_400_000)
  })

  it('rotates the signing keys, keeps the old one for graceMs, and restores the start keys on reset', async () => {
    const kids = async () =>
      ((await (await fetch(`${idp.url}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> }).keys.map(
        (key) => key.kid,
      )
    const rotated = await control('/keys/rotate', { method: 'POST', body: JSON.stringify({ graceMs: 5_000 }) })
    expect(rotated.status).toBe(200)
    const rotation = (await rotated.json()) as { kid: string; kids: string[]; retiresAt: number; previous: string[] }
    expect(rotation).toMatchObject({ kid: expect.stringMatching(/^rotated-rs256-/), previous: ['codeflow-dev-rs256'] })
    expect(await kids()).toEqual([rotation.kid, 'codeflow-dev-rs256'])
    await control('/clock/advance', { method: 'POST', body: JSON.stringify({ ms: 5_001 }) })
    expect(await kids()).toEqual([rotation.kid])
    for (const body of ['{"graceMs":-1}', '{"graceMs":"soon"}', '[]', 'not json']) {
      expect((await control('/keys/rotate', { method: 'POST', body })).status, body).toBe(400)
    }
    expect((await control('/reset', { method: 'POST' })).status).toBe(204)
    expect(await kids()).toEqual(['codeflow-dev-rs256'])
  })

  it('answers every operation the OpenAPI document lists, and nothing it does not', async () => {
    const document = controlApiOpenApi() as { paths: Record<string, Record<string, unknown>> }
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    )
    expect(documented.sort()).toEqual(CONTROL_ROUTES.map((route) => `${route.method} /_codeflow${route.path}`).sort())
    for (const route of CONTROL_ROUTES) {
      const bodies: Record<string, string> = {
        'post /use': JSON.stringify({ claims: {} }),
        'post /clock/advance': '{"ms":0}',
        'post /issuers': '{"id":"probe"}',
      }
      const body = bodies[`${route.method} ${route.path}`]
      const path = route.path.replace('{id}', 'probe')
      const response = await control(path, { method: route.method.toUpperCase(), ...(body ? { body } : {}) })
      expect(response.status, `${route.method} ${route.path}`).toBeLessThan(300)
    }
    expect((await control('/nope')).status).toBe(404)
    await control('/reset', { method: 'POST' })
  })
})

describe('issuers over the control API', () => {
  it('adds an issuer by path with its own config, lists it and removes it', async () => {
    const idp = await createMockIdp({ log: { level: 'silent' }, control: { enabled: true } })
    try {
      const call = (path: string, init: RequestInit = {}) =>
        fetch(`${idp.url}/_codeflow${path}`, { ...init, headers: { 'Content-Type': 'application/json' } })
      const added = await call('/issuers', {
        method: 'POST',
        body: JSON.stringify({ id: 'test-42', config: { behaviours: ['iss-wrong'] } }),
      })
      expect(added.status).toBe(201)
      expect(await added.json()).toEqual({ id: 'test-42', issuer: `${idp.issuer}/test-42` })
      const doc = (await (await fetch(`${idp.issuer}/test-42/.well-known/openid-configuration`)).json()) as {
        issuer: string
      }
      expect(doc.issuer).toBe(`${idp.issuer}/test-42`)
      expect(await (await call('/issuers')).json()).toEqual([{ id: 'test-42', issuer: `${idp.issuer}/test-42` }])
      // Its own control API drives it alone; it cannot add issuers itself.
      expect((await fetch(`${idp.issuer}/test-42/_codeflow/issuers`)).status).toBe(404)
      const bad = await call('/issuers', {
        method: 'POST',
        body: JSON.stringify({ id: 'x', config: { behaviours: ['nope'] } }),
      })
      expect(bad.status).toBe(400)
      expect(await bad.json()).toMatchObject({
        error: 'invalid_request',
        error_description: expect.stringContaining('behaviours[0]'),
      })
      const files = await call('/issuers', {
        method: 'POST',
        body: JSON.stringify({ id: 'y', config: { keys: { source: 'files', files: ['/etc/passwd'] } } }),
      })
      expect(files.status).toBe(400)
      expect((await call('/issuers/test-42', { method: 'DELETE' })).status).toBe(204)
      expect((await call('/issuers/test-42', { method: 'DELETE' })).status).toBe(404)
      expect((await fetch(`${idp.issuer}/test-42/.well-known/openid-configuration`)).status).toBe(404)
    } finally {
      await idp.close()
    }
  })
})

describe('control API configuration', () => {
  it('is off by default', async () => {
    const idp = await createMockIdp({ log: { level: 'silent' } })
    try {
      expect((await fetch(`${idp.url}/_codeflow/overrides`)).status).toBe(404)
    } finally {
      await idp.close()
    }
  })

  it('needs a token when the server listens beyond loopback', () => {
    expect(() => parseConfig({ host: '0.0.0.0', control: { enabled: true } })).toThrow(/control\.token/)
    expect(() => parseConfig({ host: '0.0.0.0', control: { enabled: true, token: TOKEN } })).not.toThrow()
    expect(() => parseConfig({ control: { enabled: true } })).not.toThrow()
  })
})

describe('control API refusals, before the body is read', () => {
  const MB300 = 300 * 1024 * 1024
  let guarded: MockIdp
  let open: MockIdp
  const serverSockets = new Map<number, Socket>()

  beforeAll(async () => {
    guarded = await createMockIdp({ log: { level: 'silent' }, control: { enabled: true, token: TOKEN } })
    open = await createMockIdp({ log: { level: 'silent' }, control: { enabled: true } })
    for (const idp of [guarded, open]) {
      idp.running.server.on('connection', (socket: Socket) => serverSockets.set(socket.remotePort ?? 0, socket))
    }
  })
  afterAll(async () => {
    await guarded.close()
    await open.close()
  })

  /** Bytes the server took in on the connection from `localPort`, counted once it closed. */
  const bytesServerRead = (localPort: number) =>
    new Promise<number>((resolve) => {
      const socket = serverSockets.get(localPort)!
      if (socket.destroyed) resolve(socket.bytesRead)
      else socket.once('close', () => resolve(socket.bytesRead))
    })
  const head = (idp: MockIdp, path: string, headers: string[] = []) =>
    [`POST /_codeflow${path} HTTP/1.1`, `Host: ${new URL(idp.url).host}`, ...headers].join('\r\n')

  it('refuses an unauthenticated 300 MB POST with 401 while the client is still sending, reading almost none of it', async () => {
    const upload = await uploadUntilAnswered(
      guarded.url,
      head(guarded, '/use', ['Content-Type: application/json']),
      MB300,
      'content-length',
    )
    expect(upload.status).toBe(401)
    expect(upload.text).toMatch(/"error":"invalid_token"/)
    expect(upload.sentWhenAnswered).toBeLessThan(MB300)
    expect(await bytesServerRead(upload.localPort)).toBeLessThan(8 * 1024 * 1024)
  })

  it('refuses a 300 MB POST by its Content-Length with 413 before reading it', async () => {
    const upload = await uploadUntilAnswered(
      open.url,
      head(open, '/use', ['Content-Type: application/json']),
      MB300,
      'content-length',
    )
    expect(upload.status).toBe(413)
    expect(upload.text).toMatch(/limits\.maxControlBodyBytes/)
    expect(upload.sentWhenAnswered).toBeLessThan(MB300)
    expect(await bytesServerRead(upload.localPort)).toBeLessThan(8 * 1024 * 1024)
  })

  it('refuses a chunked 300 MB POST with 413 once it passes the limit', async () => {
    const upload = await uploadUntilAnswered(
      open.url,
      head(open, '/use', ['Content-Type: application/json']),
      MB300,
      'chunked',
    )
    expect(upload.status).toBe(413)
    expect(upload.sentWhenAnswered).toBeLessThan(MB300)
    const limit = open.running.provider.config.limits.maxControlBodyBytes
    expect(await bytesServerRead(upload.localPort)).toBeLessThan(limit + 8 * 1024 * 1024)
  })

  it('refuses a text/plain body (sent cross-site without a preflight) with 415', async () => {
    const response = await fetch(`${open.url}/_codeflow/use`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ login: 'alice' }),
    })
    expect(response.status).toBe(415)
    expect(await response.json()).toMatchObject({ error: 'invalid_request' })
    expect(open.running.provider.overrides.size).toBe(0)
  })

  it('refuses a cross-site Origin with 403 even when no token is configured', async () => {
    const response = await fetch(`${open.url}/_codeflow/reset`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example' },
    })
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ error: 'access_denied' })
  })

  it('refuses a rebound Host (evil.example) with 421, so a page cannot read /requests?redact=false', async () => {
    const answer = await rawExchange(
      open.url,
      [
        'GET /_codeflow/requests?redact=false HTTP/1.1',
        `Host: evil.example:${new URL(open.url).port}`,
        'Connection: close',
      ].join('\r\n'),
    )
    expect(answer.status).toBe(421)
    expect(answer.text).toMatch(/application\/json/)
    expect(answer.text).not.toMatch(/"endpoint"/)
  })

  it('refuses JSON nested 100,000 levels deep with 400, not a RangeError and a 500', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    for (const body of [deep, `{"claims":{"a":${deep}}}`]) {
      const response = await fetch(`${open.url}/_codeflow/use`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      })
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ error_description: expect.stringMatching(/deeper than 32/) })
    }
  })

  it('answers TRACE with 405 and Allow, an unknown method too, and an unknown path with a JSON 404', async () => {
    const host = `Host: ${new URL(open.url).host}`
    const trace = await rawExchange(
      open.url,
      ['TRACE /_codeflow/overrides HTTP/1.1', host, 'Connection: close'].join('\r\n'),
    )
    expect(trace.status).toBe(405)
    expect(trace.text).toMatch(/\r\nallow: GET, HEAD\r\n/i)
    expect(trace.text).toMatch(/"error":"invalid_request"/)
    const propfind = await rawExchange(
      open.url,
      ['PROPFIND /_codeflow/use HTTP/1.1', host, 'Connection: close'].join('\r\n'),
    )
    expect(propfind.status).toBe(405)
    const missing = await fetch(`${open.url}/_codeflow/nope`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ error: 'invalid_request' })
  })

  it('refuses an override with a CRLF header name with 400 naming the field, and the endpoint keeps answering', async () => {
    const response = await fetch(`${open.url}/_codeflow/use`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ endpoint: 'userinfo', respond: { status: 200, headers: { 'X-A\r\nX-B': 'v' } } }),
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error_description: expect.stringContaining('respond.headers') })
    expect((await fetch(`${open.url}/userinfo`)).status).toBe(401)
  })
})
