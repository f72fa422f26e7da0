import type { IncomingMessage } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import type { MockIdpConfigInput } from '../config/schema.js'
import type { RecordedExchange } from '../recorder.js'
import { type RunningMockIdp, serveMockIdp } from '../server.js'
import { testProvider } from '../test-support/back-channel.js'
import { rawExchange } from '../test-support/raw-http.js'
import { earlyDiscovery } from './early-discovery.js'

const running: RunningMockIdp[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((idp) => idp.close()))
})

async function serve(input: MockIdpConfigInput = {}): Promise<RunningMockIdp> {
  const idp = await serveMockIdp({ port: 0, log: { level: 'silent' }, ...input })
  running.push(idp)
  return idp
}

/** A request as Node's parser hands it over: `rawHeaders` as sent, `headers` lower-cased. */
function incoming(method: string, url: string, raw: Array<[string, string]>): IncomingMessage {
  const headers: Record<string, string> = {}
  for (const [name, value] of raw) {
    const key = name.toLowerCase()
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value
  }
  return { method, url, headers, rawHeaders: raw.flat() } as unknown as IncomingMessage
}

/** The response's status line, its headers (lower-cased, sorted, without Date) and its body. */
function parsed(text: string) {
  const [head = '', body = ''] = text.split('\r\n\r\n')
  const [statusLine, ...lines] = head.split('\r\n')
  const headers = lines
    .map((line) => {
      const colon = line.indexOf(':')
      return `${line.slice(0, colon).toLowerCase()}: ${line.slice(colon + 1).trim()}`
    })
    .filter((line) => !line.startsWith('date:'))
    .sort()
  return { statusLine, headers, body }
}

const withoutTime = ({ at: _at, ...exchange }: RecordedExchange) => exchange

// Requests the early path answers: what the app answers and records for them must come out the same.
const plainRequests: Array<{ name: string; path: string; headers: Array<[string, string]> }> = [
  { name: 'bare', path: '/.well-known/openid-configuration', headers: [] },
  { name: 'RFC 8414 location', path: '/.well-known/oauth-authorization-server', headers: [] },
  {
    name: 'repeated and mixed-case headers, a Content-Type without a body',
    path: '/.well-known/openid-configuration',
    headers: [
      ['Accept', 'application/json'],
      ['X-Trace', 'one'],
      ['x-trace', 'two'],
      ['User-Agent', 'probe/1.0'],
      ['Content-Type', 'Application/JSON; charset=utf-8'],
      ['Authorization', 'Bearer secret-value'],
    ],
  },
]

describe('the discovery answer before the app has loaded', () => {
  for (const request of plainRequests) {
    it(`is byte for byte the app's answer, and recorded the same (${request.name})`, async () => {
      const idp = await serve()
      const { host, port } = new URL(idp.url)
      const head = [
        `GET ${request.path} HTTP/1.1`,
        `Host: ${host}`,
        ...request.headers.map(([name, value]) => `${name}: ${value}`),
        'Connection: close',
      ].join('\r\n')
      // The function answers this request itself (so the first answer below is the early one) …
      const fake = incoming('GET', request.path, [['Host', `127.0.0.1:${port}`], ...request.headers])
      expect(earlyDiscovery(idp.provider, fake)).toMatchObject({ status: 200 })
      idp.provider.recorder.clear()

      const early = await rawExchange(idp.url, head)
      await idp.app() // … and from now on the app answers every request.
      const byApp = await rawExchange(idp.url, head)

      expect(parsed(early.text)).toEqual(parsed(byApp.text))
      expect(parsed(early.text).statusLine).toBe('HTTP/1.1 200 OK')
      expect(parsed(early.text).headers).toContain(`content-length: ${Buffer.byteLength(parsed(early.text).body)}`)
      const [first, second] = idp.provider.recorder.list({ redact: false })
      expect(first).toBeDefined()
      expect(withoutTime(first!)).toEqual(withoutTime(second!))
      // Read back redacted, like any recorded exchange.
      expect(idp.provider.recorder.list()[0]!.headers.authorization ?? '').not.toContain('secret-value')
    })
  }
})

describe('requests the early path leaves to the app', () => {
  const discoveryPath = '/.well-known/openid-configuration'
  const host: [string, string] = ['Host', 'op.example']
  const cases: Array<{ name: string; config?: MockIdpConfigInput; request: IncomingMessage }> = [
    { name: 'a query (a request may name behaviours)', request: incoming('GET', `${discoveryPath}?x=1`, [host]) },
    { name: 'HEAD', request: incoming('HEAD', discoveryPath, [host]) },
    { name: 'POST', request: incoming('POST', discoveryPath, [host]) },
    { name: 'another path', request: incoming('GET', '/.well-known/jwks.json', [host]) },
    { name: 'a trailing slash', request: incoming('GET', `${discoveryPath}/`, [host]) },
    { name: 'no Host', request: incoming('GET', discoveryPath, []) },
    { name: 'a Host the adapter would normalise', request: incoming('GET', discoveryPath, [['Host', 'OP.Example']]) },
    { name: 'an Origin (CORS)', request: incoming('GET', discoveryPath, [host, ['Origin', 'https://rp.example']]) },
    { name: 'a body', request: incoming('GET', discoveryPath, [host, ['Content-Length', '2']]) },
    { name: 'a chunked body', request: incoming('GET', discoveryPath, [host, ['Transfer-Encoding', 'chunked']]) },
    {
      name: 'a behaviour in force for the whole mock',
      config: { behaviours: ['discovery-issuer-trailing-slash'] },
      request: incoming('GET', discoveryPath, [host]),
    },
    {
      name: 'requests allowed to switch behaviours on',
      config: { allowRequestBehaviours: true },
      request: incoming('GET', discoveryPath, [host]),
    },
    {
      name: 'one request at a time (server.overlap "fail")',
      config: { server: { overlap: 'fail' } },
      request: incoming('GET', discoveryPath, [host]),
    },
    {
      name: 'proxy headers trusted and no configured issuer',
      config: { trustForwardedHeaders: true },
      request: incoming('GET', discoveryPath, [host]),
    },
  ]
  for (const { name, config, request } of cases) {
    it(name, async () => {
      const { provider } = await testProvider(config)
      // testProvider configures no issuer: only trustForwardedHeaders makes the issuer depend on the request.
      expect(earlyDiscovery(provider, request)).toBeUndefined()
      expect(provider.recorder.list()).toEqual([])
    })
  }

  it('an override queued by use()', async () => {
    const { provider } = await testProvider()
    const plain = incoming('GET', discoveryPath, [host])
    expect(earlyDiscovery(provider, plain)).toBeDefined()
    provider.overrides.use({ endpoint: 'discovery', delayMs: 10 })
    expect(earlyDiscovery(provider, plain)).toBeUndefined()
  })

  it('a mock started with a discovery behaviour deviates from its very first answer', async () => {
    const idp = await serve({ behaviours: ['discovery-issuer-trailing-slash'] })
    const answer = await rawExchange(
      idp.url,
      `GET /.well-known/openid-configuration HTTP/1.1\r\nHost: ${new URL(idp.url).host}\r\nConnection: close`,
    )
    expect(answer.status).toBe(200)
    expect(JSON.parse(parsed(answer.text).body).issuer).toBe(`${idp.issuer}/`)
  })
})
