/**
 * The routes served straight from Node's request (node-route.ts) answer and record what the Hono
 * app answers and records for the same request. Two HTTP servers on real ports share one provider:
 * one serves the routes from Node's request, handing anything else to a stand-in for the app that
 * counts what it is handed (so a test fails if a request it compares was not served directly);
 * the other serves the app through @hono/node-server (node-listener.ts). Sessions, cookies and
 * codes from either are good at both. Values drawn at random (codes, tokens, cookies, CSRF tokens)
 * and the two servers' ports are masked; everything else must be equal on the wire, header by
 * header and byte by byte.
 */
import { createServer, request as httpRequest, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { MockIdpConfigInput } from '../config/schema.js'
import type { RecordedExchange } from '../recorder.js'
import { type RunningMockIdp, serveMockIdp } from '../server.js'
import { basic, PKCE_CHALLENGE, PKCE_VERIFIER, SAMPLE } from '../test-support/back-channel.js'
import { Browser, type FetchLike, runLoginFlow } from '../testing/login-flow.js'
import { nodeListener } from './node-listener.js'
import { nodeRouteListener } from './node-route.js'

interface Pair {
  idp: RunningMockIdp
  /** The routes served from Node's request. */
  direct: string
  /** The same provider's app behind @hono/node-server. */
  viaApp: string
  /** The requests the direct server handed on to the app (answered 599 here). */
  handedOn: string[]
}

const open: Array<{ idp: RunningMockIdp; servers: Server[] }> = []
afterEach(async () => {
  for (const { idp, servers } of open.splice(0)) {
    for (const server of servers) {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
    await idp.close()
  }
})

async function listen(listener: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

async function pair(input: MockIdpConfigInput = {}): Promise<Pair> {
  const idp = await serveMockIdp({ port: 0, log: { level: 'silent' }, ...input })
  const handedOn: string[] = []
  const direct = await listen(
    nodeRouteListener(idp.provider, (request, response) => {
      handedOn.push(`${request.method} ${request.url}`)
      response.writeHead(599).end()
    }),
  )
  const viaApp = await listen(nodeListener(idp.provider, idp.issuers).listener)
  open.push({ idp, servers: [direct.server, viaApp.server] })
  return { idp, direct: direct.url, viaApp: viaApp.url, handedOn }
}

/** An exchange as it went over the wire, with what is drawn at random and each server's port masked. */
interface WireAnswer {
  status: number
  headers: Array<[string, string]>
  body: string
}

/** 20 or more URL-safe characters: the mock's codes, tokens, cookie values and CSRF tokens. */
const RANDOM = /[A-Za-z0-9_-]{20,}|[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g
/** Differ between two requests for reasons of time and connection, not of the answer. */
const CONNECTION_HEADERS = new Set(['date', 'connection', 'keep-alive'])

function masked(text: string, pairOf: Pair): string {
  return text
    .replaceAll(pairOf.direct, 'ORIGIN')
    .replaceAll(pairOf.viaApp, 'ORIGIN')
    .replaceAll(encodeURIComponent(pairOf.direct), 'ORIGIN')
    .replaceAll(encodeURIComponent(pairOf.viaApp), 'ORIGIN')
    .replaceAll(new URL(pairOf.direct).host, 'HOST')
    .replaceAll(new URL(pairOf.viaApp).host, 'HOST')
    .replace(RANDOM, 'RANDOM')
}

/** One request over a real socket, answered as it was sent: raw header lines in order. */
function exchange(
  base: string,
  pairOf: Pair,
  method: string,
  path: string,
  headers: Array<[string, string]> = [],
  body?: string | Buffer,
): Promise<WireAnswer | 'closed'> {
  return new Promise((resolve, reject) => {
    // Header lines as given, in order (Node adds no Host to raw lines: it is added here unless given).
    const lines = headers.some(([name]) => name.toLowerCase() === 'host')
      ? headers
      : [['Host', new URL(base).host], ...headers]
    const { hostname, port } = new URL(base)
    // A path, not a URL: sent as it is, dot segments and all.
    const sent = httpRequest({
      hostname,
      port,
      path,
      method,
      headers: lines.flat() as unknown as Record<string, string>,
    })
    sent.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' ? resolve('closed') : reject(error),
    )
    sent.on('response', (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        const lines: Array<[string, string]> = []
        for (let i = 0; i < response.rawHeaders.length; i += 2) {
          const name = response.rawHeaders[i]!.toLowerCase()
          if (!CONNECTION_HEADERS.has(name)) lines.push([name, masked(response.rawHeaders[i + 1]!, pairOf)])
        }
        resolve({
          status: response.statusCode!,
          headers: lines.sort(([a], [b]) => a.localeCompare(b)),
          body: masked(Buffer.concat(chunks).toString('latin1'), pairOf),
        })
      })
    })
    sent.end(body)
  })
}

/**
 * fetch, sending what is addressed to the issuer to `base` instead, and recording each answer
 * (masked) for comparison.
 */
function recordingFetch(pairOf: Pair, base: string, answers: WireAnswer[]): FetchLike {
  return async (input, init) => {
    const response = await fetch(String(input).replace(pairOf.idp.url, base), init)
    const text = await response.text()
    const headers: Array<[string, string]> = []
    for (const [name, value] of response.headers)
      if (!CONNECTION_HEADERS.has(name)) headers.push([name, masked(value, pairOf)])
    answers.push({ status: response.status, headers, body: masked(text, pairOf) })
    return new Response(text, { status: response.status, headers: response.headers })
  }
}

/** Recorded exchanges as both servers should have recorded them: their time left out, ports and random values masked. */
function comparable(records: RecordedExchange[], pairOf: Pair): unknown[] {
  return JSON.parse(masked(JSON.stringify(records.map(({ at: _at, ...rest }) => rest)), pairOf))
}

const FLOW_PARAMS = {
  response_type: 'code',
  client_id: SAMPLE.clientId,
  redirect_uri: SAMPLE.redirectUri,
  scope: 'openid profile email',
  state: 'af0ifjsldkj',
  nonce: 'n-0S6_WzA2Mj',
  code_challenge: PKCE_CHALLENGE,
  code_challenge_method: 'S256',
}

/** The whole code flow at `base`: the pages, the token request and UserInfo, every answer recorded. */
async function codeFlow(base: string, pairOf: Pair): Promise<WireAnswer[]> {
  const answers: WireAnswer[] = []
  // The pages' links and redirects are at the issuer (the mock's own server): the browser is sent on to `base`.
  const flow = await runLoginFlow({
    baseUrl: pairOf.idp.url,
    params: FLOW_PARAMS,
    username: 'alice',
    password: 'wonderland',
    browser: new Browser({ fetch: recordingFetch(pairOf, base, answers) }),
  })
  const code = flow.params.get('code')!
  const token = await exchange(base, pairOf, 'POST', '/auth/token', tokenHeaders(), tokenBody(code))
  if (token === 'closed') throw new Error('the token request was not answered')
  answers.push(token)
  return answers
}

const tokenHeaders = (): Array<[string, string]> => [
  ['Content-Type', 'application/x-www-form-urlencoded'],
  ['Authorization', basic(SAMPLE.clientId, SAMPLE.secret)],
]
const tokenBody = (code: string) =>
  new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: SAMPLE.redirectUri,
    code_verifier: PKCE_VERIFIER,
  }).toString()

describe('the routes served from Node, against the app', () => {
  it('answer a whole code flow the same, page by page, and record the same exchanges', async () => {
    const both = await pair()
    const direct = await codeFlow(both.direct, both)
    const directRecords = both.idp.provider.recorder.list({ redact: false })
    both.idp.provider.recorder.clear()
    const viaApp = await codeFlow(both.viaApp, both)
    const appRecords = both.idp.provider.recorder.list({ redact: false })

    expect(both.handedOn).toEqual([])
    expect(direct.map((answer) => answer.status)).toEqual([302, 200, 303, 200, 303, 200])
    expect(direct).toEqual(viaApp)
    expect(directRecords.map((record) => record.endpoint)).toEqual([
      'authorization',
      'login',
      'login',
      'consent',
      'consent',
      'token',
    ])
    expect(comparable(directRecords, both)).toEqual(comparable(appRecords, both))
  })

  const edgeCases: Array<{
    name: string
    method: string
    path: string
    headers?: Array<[string, string]>
    body?: string | Buffer
  }> = [
    { name: 'a method the route does not take (405 with Allow)', method: 'PUT', path: '/auth/token' },
    {
      name: 'a body declared over the limit (413)',
      method: 'POST',
      path: '/auth/token',
      headers: [
        ['Content-Type', 'application/x-www-form-urlencoded'],
        ['Content-Length', '2000000'],
      ],
    },
    {
      name: 'a body that is not UTF-8',
      method: 'POST',
      path: '/auth/token',
      headers: [['Content-Type', 'application/x-www-form-urlencoded']],
      body: Buffer.from([0x67, 0x3d, 0xff, 0xfe]),
    },
    {
      name: 'two Authorization headers (joined, as Headers joins them)',
      method: 'POST',
      path: '/auth/token',
      headers: [
        ['Content-Type', 'application/x-www-form-urlencoded'],
        ['Authorization', basic('a', 'b')],
        ['Authorization', basic('c', 'd')],
      ],
      body: 'grant_type=authorization_code&code=x',
    },
    {
      name: 'a form body without a Content-Type',
      method: 'POST',
      path: '/auth/token',
      body: 'grant_type=authorization_code',
    },
    {
      name: 'a query with escapes and characters URL normalises',
      method: 'GET',
      path: '/oauth/authorize?client_id=%73%36|x&redirect_uri=a"b',
    },
    { name: 'an authorization error page', method: 'GET', path: '/oauth/authorize?client_id=nobody' },
    { name: 'UserInfo without a token', method: 'GET', path: '/userinfo' },
    {
      name: 'UserInfo with a bad token, and a body',
      method: 'POST',
      path: '/userinfo',
      headers: [['Authorization', 'Bearer nope']],
      body: '',
    },
    { name: 'the JWK Set', method: 'GET', path: '/.well-known/jwks.json' },
    { name: 'a dot segment (the URL normalised, as the adapter does)', method: 'GET', path: '/x/../userinfo' },
    { name: 'discovery with a query', method: 'GET', path: '/.well-known/openid-configuration?x=1' },
    {
      name: 'a cookie header repeated',
      method: 'GET',
      path: '/login?interaction=x',
      headers: [
        ['Cookie', 'a=1'],
        ['Cookie', 'b=2'],
      ],
    },
  ]
  for (const edge of edgeCases) {
    it(`answer the same: ${edge.name}`, async () => {
      const both = await pair({ limits: { maxBodyBytes: 1_000_000 } })
      const direct = await exchange(both.direct, both, edge.method, edge.path, edge.headers, edge.body)
      const viaApp = await exchange(both.viaApp, both, edge.method, edge.path, edge.headers, edge.body)
      expect(both.handedOn).toEqual([])
      expect(direct).not.toBe('closed')
      expect(direct).toEqual(viaApp)
      const [first, second] = comparable(both.idp.provider.recorder.list({ redact: false }), both)
      expect(first).toEqual(second)
    })
  }

  it('close the connection without an answer for a `drop` fault, as the app does', async () => {
    const both = await pair()
    for (const base of [both.direct, both.viaApp]) {
      both.idp.provider.overrides.use({ endpoint: 'userinfo', drop: true })
      expect(await exchange(base, both, 'GET', '/userinfo')).toBe('closed')
    }
  })

  const forTheApp: Array<{ name: string; method: string; path: string; headers?: Array<[string, string]> }> = [
    { name: 'HEAD', method: 'HEAD', path: '/.well-known/openid-configuration' },
    { name: 'OPTIONS', method: 'OPTIONS', path: '/auth/token' },
    {
      name: 'an Origin at a CORS route',
      method: 'GET',
      path: '/userinfo',
      headers: [['Origin', 'https://spa.example']],
    },
    { name: 'a path no route serves', method: 'GET', path: '/nowhere' },
    { name: 'a path with an escape (Hono decodes it to route)', method: 'GET', path: '/auth/%74oken' },
    { name: 'the control API', method: 'GET', path: '/_codeflow/requests' },
    {
      name: 'a Host with upper case (the adapter normalises it)',
      method: 'GET',
      path: '/userinfo',
      headers: [['Host', 'LOCALHOST:4000']],
    },
  ]
  for (const request of forTheApp) {
    it(`hand on to the app: ${request.name}`, async () => {
      const both = await pair({ cors: { origins: ['https://spa.example'] }, control: { enabled: true } })
      const answer = await exchange(both.direct, both, request.method, request.path, request.headers)
      expect(answer).not.toBe('closed')
      expect((answer as WireAnswer).status).toBe(599)
      expect(both.handedOn).toEqual([`${request.method} ${request.path}`])
    })
  }
})
