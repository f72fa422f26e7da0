import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runLoginFlow } from '../test/support/login-flow.js'
import { createMockIdp, IssuerError, type MockIdp, type PathIssuerControls } from './index.js'
import { type RunningMockIdp, serveMockIdp } from './server.js'
import { basic } from './test-support/back-channel.js'

const APP = {
  client_id: 'tenant-app',
  client_secret: 'tenant-app-secret-0123456789',
  redirect_uris: ['https://app.example/cb'],
}
const CAROL = { username: 'carol', password: 'carol-password', sub: 'carol-1', claims: { name: 'Carol' } }

let idp: MockIdp
let tenant: PathIssuerControls
beforeAll(async () => {
  idp = await createMockIdp({ log: { level: 'silent' } })
  tenant = await idp.addIssuer('tenant-a', { clients: [APP], users: [CAROL] })
})
afterAll(() => idp.close())

async function signInAtTenant() {
  const flow = await runLoginFlow({
    baseUrl: tenant.issuer,
    authorizationEndpoint: `${tenant.issuer}/oauth/authorize`,
    params: {
      response_type: 'code',
      client_id: APP.client_id,
      redirect_uri: APP.redirect_uris[0]!,
      scope: 'openid',
      state: 's',
    },
    username: CAROL.username,
    password: CAROL.password,
    consent: 'approve',
  })
  return flow
}

describe('issuers by path', () => {
  it('serves discovery for the path issuer, every endpoint under it', async () => {
    const doc = (await (await fetch(`${tenant.issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      string
    >
    expect(tenant.issuer).toBe(`${idp.issuer}/tenant-a`)
    expect(doc.issuer).toBe(tenant.issuer)
    expect(doc.token_endpoint).toBe(`${tenant.issuer}/auth/token`)
    expect(doc.jwks_uri).toBe(`${tenant.issuer}/.well-known/jwks.json`)
  })

  it('signs its own users in for its own clients, with tokens from its own issuer and keys', async () => {
    const flow = await signInAtTenant()
    expect(flow.params.get('iss')).toBe(tenant.issuer)
    const response = await fetch(`${tenant.issuer}/auth/token`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: basic(APP.client_id, APP.client_secret),
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: flow.params.get('code')!,
        redirect_uri: APP.redirect_uris[0]!,
      }),
    })
    expect(response.status).toBe(200)
    const { id_token } = (await response.json()) as { id_token: string }
    expect(decodeJwt(id_token)).toMatchObject({ iss: tenant.issuer, sub: CAROL.sub, aud: APP.client_id })
    const own = (await (await fetch(`${tenant.issuer}/.well-known/jwks.json`)).json()) as { keys: [] }
    await expect(jwtVerify(id_token, createLocalJWKSet(own))).resolves.toBeDefined()
    const root = (await (await fetch(`${idp.issuer}/.well-known/jwks.json`)).json()) as { keys: [] }
    await expect(jwtVerify(id_token, createLocalJWKSet(root))).rejects.toThrow()
  })

  it('scopes its cookies to its path', async () => {
    const response = await fetch(
      `${tenant.issuer}/oauth/authorize?response_type=code&client_id=${APP.client_id}&redirect_uri=${encodeURIComponent(APP.redirect_uris[0]!)}&scope=openid`,
      { redirect: 'manual' },
    )
    expect(response.headers.getSetCookie().join('\n')).toMatch(/Path=\/tenant-a;/)
  })

  it('keeps overrides and recorded requests apart from the root issuer', async () => {
    tenant.use({ endpoint: 'discovery', respond: { status: 503 }, persistent: true })
    expect((await fetch(`${tenant.issuer}/.well-known/openid-configuration`)).status).toBe(503)
    expect((await fetch(`${idp.issuer}/.well-known/openid-configuration`)).status).toBe(200)
    expect(tenant.requests({ endpoint: 'discovery' }).every((exchange) => exchange.url.includes('/tenant-a/'))).toBe(
      true,
    )
    expect(idp.requests({ endpoint: 'discovery' }).some((exchange) => exchange.url.includes('/tenant-a/'))).toBe(false)
    await tenant.reset()
    expect((await fetch(`${tenant.issuer}/.well-known/openid-configuration`)).status).toBe(200)
  })

  it("does not know the root issuer's clients, nor the root its clients", async () => {
    const atRoot = await fetch(
      `${idp.issuer}/oauth/authorize?client_id=${APP.client_id}&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(APP.redirect_uris[0]!)}`,
      { redirect: 'manual' },
    )
    expect(atRoot.status).toBe(400)
    expect(await atRoot.text()).toContain('tenant-app')
  })

  it('refuses an id it cannot serve, saying why', async () => {
    await expect(idp.addIssuer('tenant-a')).rejects.toThrow(/already in use/)
    await expect(idp.addIssuer('oauth')).rejects.toThrow(IssuerError)
    await expect(idp.addIssuer('.well-known')).rejects.toThrow(IssuerError)
    await expect(idp.addIssuer('a/b')).rejects.toThrow(/URL-safe/)
  })

  it('has its own control API under its path when the server has one', async () => {
    const server = await createMockIdp({ log: { level: 'silent' }, control: { enabled: true } })
    try {
      const other = await server.addIssuer('tenant-b')
      const queued = await fetch(`${other.issuer}/_codeflow/use`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ endpoint: 'discovery', respond: { status: 503 } }),
      })
      expect(queued.status).toBe(201)
      expect((await fetch(`${server.issuer}/.well-known/openid-configuration`)).status).toBe(200)
      expect((await fetch(`${other.issuer}/.well-known/openid-configuration`)).status).toBe(503)
    } finally {
      await server.close()
    }
  })

  it('refuses more issuers than limits.maxIssuers, and gives each the root limits it does not set itself', async () => {
    const server = await createMockIdp({
      log: { level: 'silent' },
      limits: { maxIssuers: 2, store: { sessions: { maxEntries: 50 } } },
    })
    try {
      const first = await server.addIssuer('one', { limits: { store: { codes: { maxEntries: 5 } } } })
      await server.addIssuer('two')
      await expect(server.addIssuer('three')).rejects.toThrow(/at most 2 issuers can be added \(limits\.maxIssuers\)/)
      const usage = await server.running.issuers.get('one')!.provider.store.usage()
      expect(usage.sessions.maxEntries).toBe(50)
      expect(usage.codes.maxEntries).toBe(5)
      await first.remove()
      await server.addIssuer('three')
    } finally {
      await server.close()
    }
  })

  it('stops serving an issuer once removed', async () => {
    const temporary = await idp.addIssuer('temporary')
    expect((await fetch(`${temporary.issuer}/.well-known/openid-configuration`)).status).toBe(200)
    await temporary.remove()
    expect((await fetch(`${temporary.issuer}/.well-known/openid-configuration`)).status).toBe(404)
  })
})

describe('issuers added to a shared server (the root bounds them)', () => {
  const TOKEN = 'root-control-token-0123456789'
  let shared: RunningMockIdp
  beforeAll(async () => {
    shared = await serveMockIdp({
      port: 0,
      log: { level: 'silent' },
      control: { enabled: true, token: TOKEN },
      limits: { maxBodyBytes: 4096, store: { codes: { maxEntries: 5000 } } },
    })
  })
  afterAll(() => shared?.close())

  const addOverControl = (id: string, config: Record<string, unknown>) =>
    fetch(`${shared.url}/_codeflow/issuers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ id, config }),
    })

  async function refusal(response: Response): Promise<string> {
    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: string; error_description: string }
    expect(body.error).toBe('invalid_request')
    return body.error_description
  }

  it('refuses limits above the root issuer’s, naming the field', async () => {
    expect(await refusal(await addOverControl('big-body', { limits: { maxBodyBytes: 10_000_000 } }))).toContain(
      'limits.maxBodyBytes 10000000 is above the root issuer',
    )
    expect(
      await refusal(await addOverControl('big-store', { limits: { store: { codes: { maxEntries: 5001 } } } })),
    ).toContain('limits.store.codes.maxEntries 5001')
    expect(
      await refusal(
        await addOverControl('big-record', { limits: { maxRecordedExchanges: 501, maxParameterLength: 1 } }),
      ),
    ).toContain('limits.maxRecordedExchanges 501')
    expect(shared.issuers.ids()).toEqual([])
  })

  it('inherits the root issuer’s limits, and accepts lower ones', async () => {
    const inherited = await shared.issuers.add('inherits')
    expect(inherited.provider.config.limits).toMatchObject({
      maxBodyBytes: 4096,
      store: { codes: { maxEntries: 5000 } },
    })
    const lower = await shared.issuers.add('lower', { limits: { maxBodyBytes: 1024 } })
    expect(lower.provider.config.limits).toMatchObject({ maxBodyBytes: 1024, store: { codes: { maxEntries: 5000 } } })
    await shared.issuers.remove('inherits')
    await shared.issuers.remove('lower')
  })

  it('refuses a control token of its own', async () => {
    expect(
      await refusal(await addOverControl('own-token', { control: { enabled: true, token: 'a-weaker-token-0000' } })),
    ).toContain('control.token differs from the root issuer')
  })

  it('keeps the root token on an added issuer’s control API, whatever its control section says', async () => {
    expect((await addOverControl('no-token', { control: { enabled: true } })).status).toBe(201)
    const requests = `${shared.url}/no-token/_codeflow/requests`
    expect((await fetch(requests)).status).toBe(401)
    expect((await fetch(requests, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200)
    await shared.issuers.remove('no-token')
  })

  it('refuses request behaviours the root does not allow, and inherits the root’s choice', async () => {
    expect(await refusal(await addOverControl('switchable', { allowRequestBehaviours: true }))).toContain(
      'allowRequestBehaviours cannot be turned on',
    )
    const added = await shared.issuers.add('strict')
    expect(added.provider.config.allowRequestBehaviours).toBe(false)
    const refused = await fetch(`${added.issuer}/.well-known/openid-configuration?codeflow_behaviour=iss-wrong`)
    expect(refused.status).toBe(400)
    await shared.issuers.remove('strict')
    const tooling = await idp.addIssuer('tooling')
    expect(idp.running.issuers.get('tooling')?.provider.config.allowRequestBehaviours).toBe(true)
    await tooling.remove()
  })
})
