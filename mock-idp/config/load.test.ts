import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { defaults } from './defaults.js'
import { ConfigError, configFromEnv, parseConfig, resolveConfig } from './load.js'

function messageOf(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as Error).message
  }
  throw new Error('expected a ConfigError')
}

it('fills every option from the defaults when given nothing', () => {
  const config = parseConfig({})
  expect(config.paths.authorization).toBe('/oauth/authorize')
  expect(config.paths.token).toBe('/auth/token')
  expect(config.tokens.accessTokenTtl).toBe(599)
  expect(config.clients.map((client) => client.client_id)).toContain('s6BhdRkqt3')
})

it('does not share default objects between two parsed configs', () => {
  const first = parseConfig({})
  first.clients[0]!.redirect_uris.push('https://evil.example/cb')
  expect(parseConfig({}).clients[0]!.redirect_uris).not.toContain('https://evil.example/cb')
})

it('names the path and suggests the right key for a misspelt option', () => {
  expect(messageOf(() => parseConfig({ tokens: { acessTokenTtl: 5 } }))).toContain(
    'tokens.acessTokenTtl: unknown option (did you mean "accessTokenTtl"?)',
  )
})

it('points a config that still names limits.maxStoreEntries to the per-kind budgets that replaced it', () => {
  const message = messageOf(() => parseConfig({ limits: { maxStoreEntries: 1000 } }))
  expect(message).toContain('limits.maxStoreEntries: no longer exists')
  expect(message).toContain('limits.store.{interactions,sessions,codes,tokens}.maxEntries and .maxBytes')
})

it('takes store budgets kind by kind, each bound defaulting on its own, and names a bad one', () => {
  const { store } = parseConfig({ limits: { store: { interactions: { maxEntries: 200 } } } }).limits
  expect(store.interactions).toEqual({ maxEntries: 200, maxBytes: 16 * 1024 * 1024 })
  expect(store.tokens.maxEntries).toBe(15_000)
  expect(messageOf(() => parseConfig({ limits: { store: { codes: { maxBytes: 0 } } } }))).toContain(
    'limits.store.codes.maxBytes:',
  )
  expect(messageOf(() => parseConfig({ limits: { store: { tokenz: {} } } }))).toContain(
    'limits.store.tokenz: unknown option (did you mean "tokens"?)',
  )
})

it('rejects a redirect_uri with a fragment, citing RFC 6749 §3.1.2', () => {
  const message = messageOf(() =>
    parseConfig({ clients: [{ client_id: 'a', client_secret: 's', redirect_uris: ['https://a.example/cb#x'] }] }),
  )
  expect(message).toContain('clients[0].redirect_uris[0]: must not contain a fragment (RFC 6749 §3.1.2)')
})

it('requires a secret for confidential clients and forbids one for public clients', () => {
  expect(
    messageOf(() => parseConfig({ clients: [{ client_id: 'a', redirect_uris: ['https://a.example/cb'] }] })),
  ).toContain('clients[0].client_secret: client_secret is required')
  expect(
    messageOf(() =>
      parseConfig({
        clients: [
          {
            client_id: 'a',
            client_secret: 's',
            token_endpoint_auth_method: 'none',
            redirect_uris: ['https://a.example/cb'],
          },
        ],
      }),
    ),
  ).toContain('must not have a client_secret')
})

it('rejects duplicate client ids and scopes that are not defined', () => {
  const client = { client_id: 'a', client_secret: 's', redirect_uris: ['https://a.example/cb'], scope: 'openid nope' }
  const message = messageOf(() => parseConfig({ clients: [client, client] }))
  expect(message).toContain('clients[1].client_id: duplicate client_id "a"')
  expect(message).toContain('clients[0].scope: scope "nope" is not defined in "scopes"')
})

it('maps environment variables onto the schema, shorthands and paths alike', () => {
  const env = {
    CODEFLOW_IDP_ISSUER: 'https://idp.example',
    CODEFLOW_IDP_PORT: '9000',
    CODEFLOW_IDP__tokens__accessTokenTtl: '300',
    CODEFLOW_IDP__pkce__allowPlain: 'true',
    UNRELATED: 'x',
  }
  expect(configFromEnv(env)).toEqual({
    issuer: 'https://idp.example',
    port: 9000,
    tokens: { accessTokenTtl: 300 },
    pkce: { allowPlain: true },
  })
  const config = resolveConfig({ env })
  expect(config.tokens.accessTokenTtl).toBe(300)
  expect(config.pkce.allowPlain).toBe(true)
})

it('lets flags win over the environment, and the environment over the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'codeflow-config-'))
  const file = join(dir, 'idp.json')
  writeFileSync(file, JSON.stringify({ port: 1000, host: '0.0.0.0', tokens: { codeTtl: 30 } }))
  const config = resolveConfig({ file, env: { CODEFLOW_IDP_PORT: '2000' }, overrides: { host: '127.0.0.2' } })
  expect(config.port).toBe(2000)
  expect(config.host).toBe('127.0.0.2')
  expect(config.tokens.codeTtl).toBe(30)
})

it('says which file is missing or broken instead of silently using defaults', () => {
  expect(messageOf(() => resolveConfig({ file: '/nonexistent/idp.json', env: {} }))).toContain(
    'Cannot read config file "/nonexistent/idp.json": ENOENT',
  )
  const dir = mkdtempSync(join(tmpdir(), 'codeflow-config-'))
  const file = join(dir, 'broken.json')
  writeFileSync(file, '{ "port": ')
  expect(messageOf(() => resolveConfig({ file, env: {} }))).toContain('is not valid JSON')
})

it('names the file in the error for an invalid value inside it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'codeflow-config-'))
  const file = join(dir, 'idp.json')
  writeFileSync(file, JSON.stringify({ port: 'eighty' }))
  expect(messageOf(() => resolveConfig({ file, env: {} }))).toMatch(/config \(.*idp\.json\)[\s\S]*port:/)
})

it('requires a control token on a host that only looks like loopback (127.attacker.example)', () => {
  expect(messageOf(() => parseConfig({ host: '127.attacker.example', control: { enabled: true } }))).toContain(
    'control.token: the control API is enabled and host "127.attacker.example" is not a loopback address',
  )
  expect(parseConfig({ host: '127.0.0.2', control: { enabled: true } }).control.token).toBeUndefined()
  expect(parseConfig({ host: '::1', control: { enabled: true } }).control.token).toBeUndefined()
})

function clientWith(redirect_uris: string[], extra: Record<string, unknown> = {}) {
  return { client_id: 'app', client_secret: 'app-secret', redirect_uris, ...extra }
}

it('refuses redirect URIs with a scheme that runs or reads something in the browser, naming the path', () => {
  for (const uri of [
    'javascript:alert(1)',
    'data:text/html,x',
    'file:///etc/passwd',
    'vbscript:x',
    'blob:https://a.example/1',
    'about:blank',
  ]) {
    const sample = { client_id: 's', client_secret: 's', redirect_uris: ['https://a.example/cb'] }
    const message = messageOf(() =>
      parseConfig({ clients: [sample, sample, clientWith([uri])].map((c, i) => ({ ...c, client_id: `c${i}` })) }),
    )
    expect(message, uri).toContain(
      `clients[2].redirect_uris[0]: the "${new URL(uri).protocol}" scheme is never a redirect URI`,
    )
  }
})

it('accepts https, loopback http by address and reverse-domain private-use schemes (RFC 8252 §7.1, §7.3)', () => {
  const uris = [
    'https://app.example/cb',
    'http://127.0.0.1:3000/cb',
    'http://127.9.9.9/cb',
    'http://[::1]:8080/cb',
    'http://localhost:3000/callback',
    'com.example.app:/oauth2redirect',
  ]
  expect(parseConfig({ clients: [clientWith(uris)] }).clients[0]!.redirect_uris).toEqual(uris)
})

it('refuses a private-use scheme that is not a reverse domain name', () => {
  expect(messageOf(() => parseConfig({ clients: [clientWith(['myapp://cb'])] }))).toContain(
    'clients[0].redirect_uris[0]: the private-use scheme "myapp:" must be a reverse domain name',
  )
})

it('refuses http on a non-loopback host, including one named like loopback, unless allowInsecureRedirectUris', () => {
  const insecure = ['http://rp.example/cb', 'http://127.attacker.example/cb', 'http://10.0.0.5:8080/cb']
  const message = messageOf(() => parseConfig({ clients: [clientWith(insecure)] }))
  insecure.forEach((uri, index) => {
    expect(message).toContain(
      `clients[0].redirect_uris[${index}]: "${uri}" is http on a host that is not a loopback address`,
    )
  })
  expect(
    messageOf(() =>
      parseConfig({
        clients: [clientWith(['https://a.example/cb'], { post_logout_redirect_uris: ['http://rp.example/'] })],
      }),
    ),
  ).toContain('clients[0].post_logout_redirect_uris[0]: "http://rp.example/" is http')
  const staging = parseConfig({ allowInsecureRedirectUris: true, clients: [clientWith(insecure)] })
  expect(staging.clients[0]!.redirect_uris).toEqual(insecure)
})

it('keeps the built-in sample and development clients valid (defaults are not parsed, so parse them here)', () => {
  const clients = parseConfig({ clients: structuredClone(defaults.clients) }).clients
  expect(clients.map((client) => client.client_id)).toEqual(defaults.clients.map((client) => client.client_id))
})
