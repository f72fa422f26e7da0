/**
 * Property-based fuzzing of every endpoint of a running mock IdP (docs/mock-idp.md, "What 'strict by
 * default' means"): every malformed request gets the spec's error, never a 500, a stack trace or a hang.
 *
 * Requests are built from malformed, missing, repeated, oversized, wrongly-typed and
 * unicode/control-character parameters, odd content types, broken Basic headers, bodies over
 * `limits.maxBodyBytes`, random cookies and bearer tokens — mixed with valid values (real clients,
 * a live session, live tokens, fresh login/consent interactions) so the fuzz reaches past the
 * first check. Every answer must:
 *   - arrive within REQUEST_TIMEOUT_MS and never be a 5xx;
 *   - carry no stack trace or runtime error name;
 *   - for the JSON endpoints, be a JSON error whose `error` is one the RFCs define for it;
 *   - for the front channel (authorization, login, consent, end-session), be an HTML error page,
 *     or a redirect only to the IdP's own pages or a redirect_uri registered for the client;
 *   - never contain a client secret or a user's password.
 *
 * Seeded (SEED) and bounded (numRuns per endpoint, about 1,100 requests in all: a few seconds on
 * two idle cores), so a failure replays exactly.
 */
import { request as httpRequest } from 'node:http'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultUsers, devClients, sampleClient } from '../../mock-idp/config/defaults.js'
import { CONTROL_ROUTES } from '../../mock-idp/control/control-api.js'
import type { Logger } from '../../mock-idp/log.js'
import { type RunningMockIdp, serveMockIdp } from '../../mock-idp/server.js'
import { seedCode } from '../../mock-idp/test-support/back-channel.js'
import { Browser, runLoginFlow } from '../support/login-flow.js'

const SEED = 20260101
const REQUEST_TIMEOUT_MS = 5_000
const CLIENTS = [sampleClient, ...devClients]
const SECRETS = [
  ...CLIENTS.flatMap((client) => (client.client_secret ? [client.client_secret] : [])),
  ...defaultUsers.map((user) => user.password),
]

/** RFC 6749 §5.2, RFC 6750 §3.1, RFC 7009 §2.2.1, RFC 7662 §2.3: what each JSON endpoint may answer. */
const TOKEN_ERRORS = [
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
]
const JSON_ERRORS: Record<string, string[]> = {
  discovery: ['invalid_request'],
  metadata: ['invalid_request'],
  jwks: ['invalid_request'],
  token: TOKEN_ERRORS,
  userinfo: ['invalid_request', 'invalid_token', 'insufficient_scope'],
  // RFC 7009 §2.2.1 adds unsupported_token_type; invalid_grant is the mock's refusal of another
  // client's token (RFC 6749 §5.2, see mock-idp/endpoints/revocation.ts).
  revocation: ['invalid_request', 'invalid_client', 'invalid_grant', 'unsupported_token_type'],
  introspection: ['invalid_request', 'invalid_client'],
}
const FRONT_CHANNEL = new Set(['authorization', 'login', 'consent', 'endSession'])

interface Endpoint {
  name: string
  path: string
  methods: string[]
}

let idp: RunningMockIdp
let endpoints: Endpoint[]
const loggedErrors: string[] = []
/** Live values, so fuzzed requests also carry things the mock recognises. */
const live = {
  accessToken: '',
  refreshToken: '',
  idToken: '',
  sessionCookie: '',
  browserCookie: '',
}

const recordErrors: Logger = {
  error: (message, detail) => loggedErrors.push(`${message} ${String(detail)}`),
  warn: () => {},
  info: () => {},
  debug: () => {},
}

beforeAll(async () => {
  idp = await serveMockIdp({ port: 0, log: { level: 'silent' } }, { log: recordErrors })
  const { paths } = idp.provider.config
  endpoints = [
    { name: 'discovery', path: '/.well-known/openid-configuration', methods: ['GET'] },
    { name: 'metadata', path: '/.well-known/oauth-authorization-server', methods: ['GET'] },
    { name: 'jwks', path: paths.jwks, methods: ['GET'] },
    { name: 'authorization', path: paths.authorization, methods: ['GET', 'POST'] },
    { name: 'login', path: paths.login, methods: ['GET', 'POST'] },
    { name: 'consent', path: paths.consent, methods: ['GET', 'POST'] },
    { name: 'token', path: paths.token, methods: ['POST'] },
    { name: 'userinfo', path: paths.userinfo, methods: ['GET', 'POST'] },
    { name: 'revocation', path: paths.revocation, methods: ['POST'] },
    { name: 'introspection', path: paths.introspection, methods: ['POST'] },
    { name: 'endSession', path: paths.endSession, methods: ['GET', 'POST'] },
  ]

  // One real login for live tokens and a live session.
  const flow = await runLoginFlow({
    baseUrl: idp.url,
    params: {
      response_type: 'code',
      client_id: 'codeflow-basic',
      redirect_uri: 'http://localhost:3000/callback',
      scope: 'openid profile offline_access',
      state: 'fuzz',
      nonce: 'fuzz-nonce',
    },
    username: 'alice',
    password: 'wonderland',
  })
  const tokens = await (
    await fetch(`${idp.url}${paths.token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basic('codeflow-basic') },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: flow.params.get('code')!,
        redirect_uri: 'http://localhost:3000/callback',
      }),
    })
  ).json()
  live.accessToken = tokens.access_token
  live.refreshToken = tokens.refresh_token
  live.idToken = tokens.id_token
  live.sessionCookie = (await flow.browser.cookie(idp.url, 'codeflow_session')) ?? ''
  live.browserCookie = (await flow.browser.cookie(idp.url, 'codeflow_browser')) ?? ''
  expect(live.accessToken && live.refreshToken && live.idToken && live.sessionCookie).toBeTruthy()
})

afterAll(() => idp?.close())

function basic(clientId: string, secret = CLIENTS.find((client) => client.client_id === clientId)?.client_secret) {
  return `Basic ${Buffer.from(`${clientId}:${secret ?? ''}`).toString('base64')}`
}

// ---------------------------------------------------------------------------------------------
// Generators

const PARAM_NAMES = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'prompt',
  'max_age',
  'login_hint',
  'id_token_hint',
  'ui_locales',
  'response_mode',
  'request',
  'request_uri',
  'registration',
  'claims',
  'grant_type',
  'code',
  'code_verifier',
  'refresh_token',
  'token',
  'token_type_hint',
  'access_token',
  'client_secret',
  'client_assertion',
  'interaction',
  'csrf',
  'username',
  'action',
  'decision',
  'post_logout_redirect_uri',
  '__proto__',
  'constructor',
  'hasOwnProperty',
]

const nasty = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\r\n',
  '\t',
  '%',
  '%zz',
  '%E0%A4%A',
  '+',
  '&',
  '=',
  '?',
  '#',
  '"',
  "'",
  '\\',
  '<script>alert(1)</script>',
  '\u202e',
  '\ud800',
  '\uffff',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '-1',
  '0',
  '1e400',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  '{"a":1}',
  '__proto__',
)

/** Values the mock recognises, so requests get past the first checks. */
const meaningful = fc.constantFrom(
  'code',
  'token',
  'id_token',
  'code id_token',
  'openid',
  'openid profile',
  'openid profile user_profile additional_info offline_access',
  'S256',
  'plain',
  'none',
  'login',
  'consent',
  'none login',
  'query',
  'fragment',
  'form_post',
  'authorization_code',
  'refresh_token',
  'client_credentials',
  'access_token',
  'approve',
  'deny',
  'cancel',
  'alice',
  'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
  ...CLIENTS.map((client) => client.client_id),
  ...CLIENTS.flatMap((client) => client.redirect_uris),
  ...CLIENTS.flatMap((client) => client.post_logout_redirect_uris),
  'https://attacker.example/cb',
  'http://localhost:3000/callback/../evil',
)

const liveValue = fc.constantFrom('accessToken', 'refreshToken', 'idToken').map((name) => live[name])

const oversized = fc.constantFrom(4097, 5000, 20000).map((length) => 'x'.repeat(length))

const value: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: meaningful },
  { weight: 2, arbitrary: nasty },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: liveValue },
  { weight: 1, arbitrary: oversized },
  { weight: 1, arbitrary: fc.integer().map(String) },
)

const name = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PARAM_NAMES) }, { weight: 1, arbitrary: fc.string() })

/** Parameter lists: names may repeat (RFC 6749 §3.1 forbids it; the mock must say so). */
const pairs = fc.array(fc.tuple(name, value), { maxLength: 12 })

/** Printable Latin-1 only: header values outside it cannot be sent by fetch at all. */
const headerText = fc.string({
  unit: fc
    .integer({ min: 0x20, max: 0xff })
    .filter((code) => code !== 0x7f)
    .map((code) => String.fromCharCode(code)),
  maxLength: 60,
})

const authorization = fc.option(
  fc.oneof(
    fc.constantFrom(...CLIENTS.map((client) => basic(client.client_id))),
    fc.constantFrom(
      'Basic',
      'Basic ',
      'Basic ====',
      'Basic !!!!',
      `Basic ${Buffer.from('no-colon').toString('base64')}`,
      `Basic ${Buffer.from(':').toString('base64')}`,
      `Basic ${Buffer.from('%zz:%').toString('base64')}`,
      `Basic ${Buffer.from([0xff, 0xfe, 0x3a, 0x80]).toString('base64')}`,
      `Basic ${Buffer.from('s6BhdRkqt3:wrong').toString('base64')}`,
      `Basic ${Buffer.from('codeflow-public:').toString('base64')}`,
      'basic czZCaGRSa3F0MzpnWDFmQmF0M2JW',
      'Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW extra',
      'Bearer',
      'Bearer ',
      'Bearer a b',
      'Bearer ====',
      'Digest username="x"',
      'Negotiate',
    ),
    liveValue.map((token) => `Bearer ${token}`),
    headerText.map((text) => `Basic ${text}`),
    headerText.map((text) => `Bearer ${text}`),
    fc.string({ maxLength: 20 }).map((text) => `Basic ${Buffer.from(text).toString('base64')}`),
    headerText,
    fc.constant(`Bearer ${'a'.repeat(9000)}`),
  ),
  { nil: undefined },
)

const cookie = fc.option(
  fc.oneof(
    fc.constant(() => `codeflow_session=${live.sessionCookie}; codeflow_browser=${live.browserCookie}`),
    fc.constant(() => `codeflow_session=${live.sessionCookie}`),
    headerText.map((text) => () => `codeflow_session=${text}`),
    headerText.map((text) => () => `codeflow_browser=${text}`),
    headerText.map((text) => () => text),
    fc.constant(() => 'codeflow_session=%E0%A4%A; codeflow_session=x; =; ;;'),
    fc.constant(() => `codeflow_session=${'s'.repeat(3000)}`),
  ),
  { nil: undefined },
)

const contentType = fc.option(
  fc.constantFrom(
    'application/x-www-form-urlencoded',
    'application/x-www-form-urlencoded; charset=utf-8',
    'application/x-www-form-urlencoded; charset=iso-8859-1',
    'APPLICATION/X-WWW-FORM-URLENCODED',
    'application/json',
    'text/plain',
    'multipart/form-data; boundary=xyz',
    'application/xml',
    '',
    ';;;',
    'application/x-www-form-urlencoded, application/json',
  ),
  { nil: undefined },
)

type Body =
  | { kind: 'form'; pairs: Array<[string, string]> }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'huge'; bytes: number; declareLength: boolean }

const body: fc.Arbitrary<Body | undefined> = fc.option(
  fc.oneof(
    { weight: 5, arbitrary: pairs.map((list) => ({ kind: 'form' as const, pairs: list })) },
    { weight: 1, arbitrary: fc.jsonValue().map((json) => ({ kind: 'json' as const, value: json })) },
    {
      weight: 1,
      arbitrary: fc.dictionary(name, fc.oneof(value, fc.integer(), fc.boolean(), fc.constant(null))).map((json) => ({
        kind: 'json' as const,
        value: json,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(fc.string({ unit: 'binary' }), nasty).map((text) => ({ kind: 'raw' as const, text })),
    },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ kind: 'bytes' as const, bytes })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ bytes: fc.constantFrom(16385, 40000, 200000), declareLength: fc.boolean() })
        .map((huge) => ({ kind: 'huge' as const, ...huge })),
    },
  ),
  { nil: undefined },
)

// TRACE and CONNECT cannot be sent with fetch.
// TRACE and CONNECT cannot be sent with fetch.
const OTHER_METHODS = ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']

/**
 * Placeholders resolved when the request is sent, to fresh material the mock will recognise: a
 * new authorization code, new tokens, a new login or consent interaction (id, CSRF token and the
 * browser cookie it is bound to). The generators stay pure; only `send` talks to the mock.
 */
const FRESH = {
  code: '$fresh-code',
  pkceCode: '$fresh-pkce-code',
  accessToken: '$fresh-access-token',
  refreshToken: '$fresh-refresh-token',
  idToken: '$fresh-id-token',
  interaction: '$fresh-interaction',
  csrf: '$fresh-csrf',
} as const

type Pairs = Array<[string, string]>

/** A well-formed request for each endpoint: most fuzzed requests are this, lightly mutated. */
const TEMPLATES: Record<string, fc.Arbitrary<Pairs>> = {
  authorization: fc.constantFrom(...CLIENTS).map(
    (client): Pairs => [
      ['response_type', 'code'],
      ['client_id', client.client_id],
      ['redirect_uri', client.redirect_uris[0]!],
      ['scope', 'openid profile'],
      ['state', 'af0ifjsldkj'],
      ['nonce', 'n-0S6_WzA2Mj'],
      ['code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'],
      ['code_challenge_method', 'S256'],
    ],
  ),
  login: fc.constantFrom('login', 'cancel').map(
    (action): Pairs => [
      ['interaction', FRESH.interaction],
      ['csrf', FRESH.csrf],
      ['username', 'alice'],
      ['password', 'wonderland'],
      ['action', action],
    ],
  ),
  consent: fc.constantFrom('approve', 'deny').map(
    (decision): Pairs => [
      ['interaction', FRESH.interaction],
      ['csrf', FRESH.csrf],
      ['decision', decision],
    ],
  ),
  token: fc.oneof(
    fc.constant<Pairs>([
      ['grant_type', 'authorization_code'],
      ['code', FRESH.code],
      ['redirect_uri', 'http://localhost:3000/callback'],
    ]),
    fc.constant<Pairs>([
      ['grant_type', 'authorization_code'],
      ['code', FRESH.pkceCode],
      ['redirect_uri', 'http://localhost:3000/callback'],
      ['code_verifier', 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'],
    ]),
    fc.constant<Pairs>([
      ['grant_type', 'refresh_token'],
      ['refresh_token', FRESH.refreshToken],
      ['scope', 'openid'],
    ]),
  ),
  userinfo: fc.constant<Pairs>([]),
  revocation: fc.constantFrom(FRESH.accessToken, FRESH.refreshToken).map(
    (token): Pairs => [
      ['token', token],
      ['token_type_hint', token === FRESH.accessToken ? 'access_token' : 'refresh_token'],
    ],
  ),
  introspection: fc.constantFrom(FRESH.accessToken, FRESH.refreshToken).map((token): Pairs => [['token', token]]),
  endSession: fc.constant<Pairs>([
    ['id_token_hint', FRESH.idToken],
    ['client_id', 'codeflow-basic'],
    ['post_logout_redirect_uri', 'http://localhost:3000/'],
    ['state', 'logout-state'],
  ]),
}

/** A template with a few mutations: parameters dropped, replaced, repeated, or added. */
function mutated(template: fc.Arbitrary<Pairs>): fc.Arbitrary<Pairs> {
  const mutations = fc.record({
    drops: fc.array(fc.nat(), { maxLength: 2 }),
    changes: fc.array(fc.tuple(fc.nat(), value, fc.boolean()), { maxLength: 3 }),
    extra: fc.array(fc.tuple(name, value), { maxLength: 2 }),
  })
  const none = fc.constant({ drops: [], changes: [], extra: [] })
  return fc
    .tuple(template, fc.oneof({ weight: 1, arbitrary: none }, { weight: 3, arbitrary: mutations }))
    .map(([base, { drops, changes, extra }]) => {
      const list: Pairs = base.map(([key, item]) => [key, item])
      for (const [index, item, repeat] of changes) {
        if (list.length === 0) break
        const at = index % list.length
        if (repeat) list.push([list[at]![0], item])
        else list[at] = [list[at]![0], item]
      }
      for (const index of drops) if (list.length > 0) list.splice(index % list.length, 1)
      return [...list, ...extra]
    })
}

/** What a JSON back-channel client would send by default. */
const DEFAULT_AUTH: Record<string, fc.Arbitrary<string | undefined>> = {
  token: fc.constant(basic('codeflow-basic')),
  revocation: fc.constant(basic('codeflow-basic')),
  introspection: fc.constant(basic('codeflow-basic')),
  userinfo: fc.constant(`Bearer ${FRESH.accessToken}`),
}

interface FuzzRequest {
  method: string
  query: Pairs
  rawQuery: string | undefined
  pathSuffix: string
  authorization: string | undefined
  cookie: (() => string) | undefined
  contentType: string | undefined
  body: Body | undefined
}

function fuzzRequest(endpoint: Endpoint): fc.Arbitrary<FuzzRequest> {
  const template = TEMPLATES[endpoint.name]
  const params = template
    ? fc.oneof({ weight: 3, arbitrary: mutated(template) }, { weight: 1, arbitrary: pairs })
    : pairs
  const formBody = params.map((list) => ({ kind: 'form' as const, pairs: list }))
  const defaultAuth = DEFAULT_AUTH[endpoint.name]
  const methods = fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(...endpoint.methods) },
    { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS, ...(endpoint.methods.includes('POST') ? [] : ['POST'])) },
  )
  return fc
    .record({
      method: methods,
      query: params,
      rawQuery: fc.oneof(
        { weight: 12, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom('%', '%zz&&&==', 'a=%E0%A4%A', '&=&=', '?', 'x'.repeat(9000)) },
      ),
      pathSuffix: fc.oneof(
        { weight: 15, arbitrary: fc.constant('') },
        { weight: 1, arbitrary: fc.constantFrom('/', '//', '%00', '/..', '.json', '?', '#frag') },
      ),
      authorization: defaultAuth
        ? fc.oneof({ weight: 4, arbitrary: defaultAuth }, { weight: 1, arbitrary: authorization })
        : authorization,
      cookie,
      contentType: fc.oneof(
        { weight: 5, arbitrary: fc.constant('application/x-www-form-urlencoded') },
        { weight: 1, arbitrary: contentType },
      ),
      body: fc.oneof({ weight: 4, arbitrary: formBody }, { weight: 1, arbitrary: body }),
    })
    .map((request) => {
      // Where the parameters go: a POST carries them in its body (the query keeps a few strays).
      const fixed: FuzzRequest =
        request.method === 'POST' && request.body?.kind === 'form'
          ? { ...request, query: request.query.filter(([key]) => key === 'client_secret' || key === 'access_token') }
          : request
      return Object.assign(fixed, { [fc.toStringMethod]: () => summarize(fixed) })
    })
}

/** A counterexample short enough to read: long strings are cut, with their length. */
function summarize(request: FuzzRequest): string {
  return JSON.stringify(request, (_key, item: unknown) => {
    if (typeof item === 'string' && item.length > 80) return `${item.slice(0, 40)}…(${item.length} chars)`
    if (typeof item === 'function') return `cookie: ${(item as () => string)().slice(0, 80)}`
    if (item instanceof Uint8Array) return `bytes[${item.length}]`
    return item
  })
}

// ---------------------------------------------------------------------------------------------
// Sending and judging

interface Sent {
  status: number
  headers: Headers
  text: string
  /** The single state value the request carried, if any: it must come back unchanged. */
  state: string | undefined
  clientId: string | undefined
}

function encodeBody(request: FuzzRequest): { body?: BodyInit; duplex?: 'half' } {
  const b = request.body
  if (!b) return {}
  switch (b.kind) {
    case 'form':
      return { body: new URLSearchParams(b.pairs).toString() }
    case 'json':
      return { body: JSON.stringify(b.value) ?? 'null' }
    case 'raw':
      return { body: b.text }
    case 'bytes':
      return { body: new Uint8Array(b.bytes) }
    case 'huge': {
      const chunk = new Uint8Array(b.bytes).fill(0x61)
      if (b.declareLength) return { body: chunk }
      // No Content-Length (chunked): the limit must hold while streaming, too.
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(chunk)
          controller.close()
        },
      })
      return { body: stream, duplex: 'half' }
    }
  }
}

/** For login/consent: a real interaction in its stage, with the cookie and fields a browser would have. */
async function freshInteraction(stage: 'login' | 'consent') {
  const browser = new Browser()
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: 'codeflow-basic',
    redirect_uri: 'http://localhost:3000/callback',
    scope: 'openid',
    state: 'fuzz-interaction',
  })
  let response = await browser.get(`${idp.url}/oauth/authorize?${query}`)
  let page = await browser.get(new URL(response.headers.get('location')!, idp.url).href)
  let html = await page.text()
  const interaction = /name="interaction" value="([^"]+)"/.exec(html)![1]!
  let csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!
  if (stage === 'consent') {
    response = await browser.postForm(`${idp.url}/login`, {
      interaction,
      csrf,
      username: 'alice',
      password: 'wonderland',
      action: 'login',
    })
    page = await browser.get(new URL(response.headers.get('location')!, idp.url).href)
    html = await page.text()
    csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!
  }
  const cookie = await browser.jar.getCookieString(idp.url)
  return { interaction, csrf, cookie }
}

/** Fresh material for one request, made on first use. */
class FreshMaterial {
  #tokens: Promise<{ access_token: string; refresh_token: string; id_token: string }> | undefined
  interaction: { interaction: string; csrf: string; cookie: string } | undefined

  constructor(private readonly endpoint: Endpoint) {}

  async resolve(text: string): Promise<string> {
    if (!text.includes('$fresh-')) return text
    let out = text
    if (out.includes(FRESH.code)) out = out.replaceAll(FRESH.code, await this.code(false))
    if (out.includes(FRESH.pkceCode)) out = out.replaceAll(FRESH.pkceCode, await this.code(true))
    if (out.includes(FRESH.accessToken)) out = out.replaceAll(FRESH.accessToken, (await this.tokens()).access_token)
    if (out.includes(FRESH.refreshToken)) out = out.replaceAll(FRESH.refreshToken, (await this.tokens()).refresh_token)
    if (out.includes(FRESH.idToken)) out = out.replaceAll(FRESH.idToken, (await this.tokens()).id_token)
    if (out.includes(FRESH.interaction) || out.includes(FRESH.csrf)) {
      this.interaction ??= await freshInteraction(this.endpoint.name === 'consent' ? 'consent' : 'login')
      out = out
        .replaceAll(FRESH.interaction, this.interaction.interaction)
        .replaceAll(FRESH.csrf, this.interaction.csrf)
    }
    return out
  }

  code(pkce: boolean): Promise<string> {
    return seedCode(idp.provider, {
      clientId: 'codeflow-basic',
      redirectUri: 'http://localhost:3000/callback',
      scope: ['openid', 'profile', 'offline_access'],
      nonce: 'n-0S6_WzA2Mj',
      ...(pkce
        ? { codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', codeChallengeMethod: 'S256' as const }
        : {}),
    })
  }

  tokens() {
    this.#tokens ??= this.code(false).then(async (code) => {
      const response = await fetch(`${idp.url}${idp.provider.config.paths.token}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: basic('codeflow-basic') },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: 'http://localhost:3000/callback',
        }),
      })
      expect(response.status).toBe(200)
      return response.json()
    })
    return this.#tokens
  }
}

async function resolvePairs(fresh: FreshMaterial, list: Pairs): Promise<Pairs> {
  const out: Pairs = []
  for (const [key, item] of list) out.push([key, await fresh.resolve(item)])
  return out
}

async function send(endpoint: Endpoint, request: FuzzRequest): Promise<Sent> {
  const fresh = new FreshMaterial(endpoint)
  const query = await resolvePairs(fresh, request.query)
  const formPairs = request.body?.kind === 'form' ? await resolvePairs(fresh, request.body.pairs) : undefined
  const authorizationHeader =
    request.authorization === undefined ? undefined : await fresh.resolve(request.authorization)
  const cookies = [fresh.interaction?.cookie, request.cookie?.()].filter((item) => item !== undefined && item !== '')
  const cookieHeader = cookies.length > 0 ? cookies.join('; ') : undefined
  const search = new URLSearchParams(query).toString()
  const rawQuery = request.rawQuery === undefined ? search : `${search}&${request.rawQuery}`
  const url = `${idp.url}${endpoint.path}${request.pathSuffix}${rawQuery ? `?${rawQuery}` : ''}`

  const headers = new Headers()
  if (authorizationHeader !== undefined) headers.set('Authorization', authorizationHeader)
  if (cookieHeader) headers.set('Cookie', cookieHeader)
  if (request.contentType !== undefined) headers.set('Content-Type', request.contentType)
  const withBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== undefined
  const encoded = withBody
    ? formPairs && request.body?.kind === 'form'
      ? { body: new URLSearchParams(formPairs).toString() }
      : encodeBody(request)
    : {}

  const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS)
  let response: Response
  let text: string
  try {
    response = await fetch(url, { method: request.method, headers, redirect: 'manual', signal, ...encoded })
    text = await response.text()
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') {
      throw new Error(`${request.method} ${endpoint.name}: no answer within ${REQUEST_TIMEOUT_MS} ms`)
    }
    throw error
  }
  const all = [...query, ...(withBody && formPairs ? formPairs : [])]
  const single = (key: string) => {
    const values = all.filter(([k, v]) => k === key && v !== '').map(([, v]) => v)
    return values.length === 1 ? values[0] : undefined
  }
  return {
    status: response.status,
    headers: response.headers,
    text,
    state: single('state'),
    clientId: single('client_id'),
  }
}

const STACK_FRAME = /^\s*at .+(:\d+:\d+\)?|\(native\)|<anonymous>)$/m
const RUNTIME_ERROR =
  /\b(TypeError|RangeError|SyntaxError|ReferenceError|EvalError|URIError|ZodError|AggregateError|Error \[ERR_[A-Z_]+\]|Unhandled|node:internal)\b/

function judge(endpoint: Endpoint, request: FuzzRequest, sent: Sent): void {
  const where = `${request.method} ${endpoint.name} → ${sent.status}: ${sent.text.slice(0, 300)}`
  expect(sent.status, where).toBeLessThan(500)
  expect(sent.status, where).toBeGreaterThanOrEqual(200)
  expect(sent.text, where).not.toMatch(STACK_FRAME)
  expect(sent.text, where).not.toMatch(RUNTIME_ERROR)
  expect(sent.text, where).not.toContain(process.cwd())
  const location = sent.headers.get('location') ?? ''
  for (const secret of SECRETS) {
    expect(sent.text.includes(secret), `${where}\nleaks a secret`).toBe(false)
    expect(location.includes(secret), `${location}\nleaks a secret`).toBe(false)
  }
  if (request.method === 'HEAD') {
    expect(sent.text).toBe('')
    return
  }

  const contentType = sent.headers.get('content-type') ?? ''
  const misroutedOrMethod = sent.status === 404 || sent.status === 405
  if (sent.status >= 400 && sent.text !== '') {
    if (FRONT_CHANNEL.has(endpoint.name) && !misroutedOrMethod) {
      // People see these: an HTML error page, never JSON.
      expect(contentType, where).toMatch(/^text\/html/)
      expect(sent.text, where).toContain('data-testid="error-page"')
    } else {
      expect(contentType, where).toMatch(/^application\/json/)
      const parsed = JSON.parse(sent.text) as { error?: unknown; error_description?: unknown }
      const allowed = JSON_ERRORS[endpoint.name] ?? ['invalid_request']
      expect(allowed, where).toContain(parsed.error)
      if (parsed.error_description !== undefined) expect(typeof parsed.error_description).toBe('string')
    }
  }

  if (sent.status >= 300 && sent.status < 400) {
    expect(location, where).not.toBe('')
    judgeRedirect(endpoint, sent, location)
  }
}

/** The front channel may redirect only to its own pages or to a redirect_uri the client registered. */
function judgeRedirect(endpoint: Endpoint, sent: Sent, location: string): void {
  const absolute = new URL(location, idp.url)
  if (absolute.origin === idp.url) {
    expect([idp.provider.config.paths.login, idp.provider.config.paths.consent]).toContain(absolute.pathname)
    return
  }
  const registered = CLIENTS.flatMap((client) =>
    endpoint.name === 'endSession' ? client.post_logout_redirect_uris : client.redirect_uris,
  )
  // The longest match: ".../callback?tenant=acme&code=…" also starts with ".../callback?".
  const target = [...registered]
    .sort((a, b) => b.length - a.length)
    .find(
      (uri) =>
        location === uri ||
        location.startsWith(uri.endsWith('?') ? uri : `${uri}?`) ||
        location.startsWith(`${uri}#`) ||
        location.startsWith(`${uri}&`),
    )
  expect(target, `redirect to an unregistered URI: ${location}`).toBeDefined()
  if (endpoint.name !== 'authorization') return
  // Straight from the request: the client named in it registered this URI, and the response
  // echoes state exactly and names the issuer (RFC 6749 §4.1.2, RFC 9207 §2).
  const client = CLIENTS.find((candidate) => candidate.client_id === sent.clientId)
  expect(client?.redirect_uris, location).toContain(target)
  const params = new URLSearchParams(absolute.hash ? absolute.hash.slice(1) : absolute.search)
  expect(params.get('iss'), location).toBe(idp.issuer)
  if (sent.state !== undefined) expect(params.get('state'), location).toBe(sent.state)
}

async function fuzz(endpointName: string, numRuns: number): Promise<void> {
  const endpoint = endpoints.find((candidate) => candidate.name === endpointName)!
  await fc.assert(
    fc.asyncProperty(fuzzRequest(endpoint), async (request) => {
      judge(endpoint, request, await send(endpoint, request))
    }),
    { seed: SEED, numRuns, endOnFailure: true },
  )
  expect(loggedErrors).toEqual([])
}

describe('fuzzing every endpoint', () => {
  it('answers discovery and metadata requests, however malformed, without a 5xx', async () => {
    await fuzz('discovery', 25)
    await fuzz('metadata', 25)
  })

  it('answers malformed JWKS requests without a 5xx', async () => {
    await fuzz('jwks', 25)
  })

  it('answers malformed authorization requests with an error page or a redirect to a registered redirect_uri', async () => {
    await fuzz('authorization', 200)
  })

  it('answers malformed login submissions with a page, never a 5xx or a leaked password', async () => {
    await fuzz('login', 100)
  })

  it('answers malformed consent submissions with a page, never a 5xx', async () => {
    await fuzz('consent', 100)
  })

  it('answers malformed token requests with an RFC 6749 §5.2 error', async () => {
    await fuzz('token', 200)
  })

  it('answers malformed UserInfo requests with an RFC 6750 error', async () => {
    await fuzz('userinfo', 100)
  })

  it('answers malformed revocation requests with an RFC 7009 answer', async () => {
    await fuzz('revocation', 100)
  })

  it('answers malformed introspection requests with an RFC 7662 answer', async () => {
    await fuzz('introspection', 100)
  })

  it('answers malformed end-session requests with a page or a registered post-logout redirect', async () => {
    await fuzz('endSession', 100)
  })

  it('refuses a body over limits.maxBodyBytes at every POST endpoint with 413, as an error page at the front channel', async () => {
    const limit = idp.provider.config.limits.maxBodyBytes
    for (const endpoint of endpoints.filter((candidate) => candidate.methods.includes('POST'))) {
      for (const declareLength of [true, false]) {
        const request: FuzzRequest = {
          method: 'POST',
          query: [],
          rawQuery: undefined,
          pathSuffix: '',
          authorization: undefined,
          cookie: undefined,
          contentType: 'application/x-www-form-urlencoded',
          body: { kind: 'huge', bytes: limit + 1, declareLength },
        }
        const sent = await send(endpoint, request)
        expect(sent.status, `${endpoint.name} (Content-Length: ${declareLength})`).toBe(413)
        judge(endpoint, request, sent)
      }
    }
  })
})

// ---------------------------------------------------------------------------------------------
// The control API: random methods, paths, hosts, origins, tokens, media types and bodies (nested,
// huge, invalid, chunked), on a mock with a token and on one without. Every answer is a 2xx or a
// JSON 4xx error, never a 5xx, a stack or a hang, and the mock answers afterwards.

const CONTROL_TOKEN = 'fuzz-control-token-0123456789'
const CONTROL_BODY_LIMIT = 8192
const CONTROL_ERRORS = ['invalid_request', 'invalid_token', 'access_denied']
const controlServers: { guarded?: RunningMockIdp; open?: RunningMockIdp } = {}

interface ControlRequest {
  guarded: boolean
  method: string
  path: string
  query: string
  host: ((port: string) => string) | undefined
  origin: ((own: string) => string) | undefined
  secFetchSite: string | undefined
  authorization: string | undefined
  contentType: string | undefined
  body: { text: string | Uint8Array; chunked: boolean } | undefined
}

const nestedJson = (depth: number) => `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`

const controlBodyValue = fc.oneof(
  fc.constantFrom<unknown>(
    { login: 'alice' },
    { login: 'mallory' },
    { claims: { acr: 'urn:fuzz' } },
    { behaviour: 'iss-wrong' },
    { behaviour: 'nope' },
    { endpoint: 'token', error: 'temporarily_unavailable' },
    { endpoint: 'userinfo', respond: { status: 429, headers: { 'Retry-After': '1' } } },
    { endpoint: 'userinfo', respond: { status: 200, headers: { 'X-A\r\nX-B': 'v' } } },
    { endpoint: 'userinfo', respond: { status: 200, headers: { 'X-A': 'a\r\nb' } } },
    { endpoint: 'userinfo', respond: { status: 204, body: 'x' } },
    { endpoint: 'jwks', delayMs: 1 },
    { endpoint: 'discovery', drop: true },
    { ms: 1000 },
    { ms: -1 },
    { graceMs: 0 },
    { graceMs: 'soon' },
    { id: 'fuzz-1' },
    { id: '../x' },
    { id: 'fuzz-2', config: { behaviours: ['nope'] } },
    { id: 'fuzz-3', config: { keys: { source: 'files', files: ['/etc/passwd'] } } },
  ),
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(
    fc.constantFrom('login', 'claims', 'endpoint', 'ms', 'id', 'config', '__proto__'),
    fc.jsonValue({ maxDepth: 3 }),
  ),
)

const controlBody: fc.Arbitrary<ControlRequest['body']> = fc.option(
  fc.record({
    text: fc.oneof(
      { weight: 6, arbitrary: controlBodyValue.map((value) => JSON.stringify(value) ?? 'null') },
      { weight: 1, arbitrary: fc.constantFrom(30, 32, 33, 2_000, 100_000).map(nestedJson) },
      { weight: 1, arbitrary: fc.constantFrom('', ' ', '{', '[1,]', 'nul', '"\u0000"', '{"a":1}}', '\ufeff{}') },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(CONTROL_BODY_LIMIT + 1, 20_000)
          .map((size) => `{"claims":{"x":"${'a'.repeat(size)}"}}`),
      },
    ),
    chunked: fc.boolean(),
  }),
  { nil: undefined, freq: 3 },
)

/** A documented operation (most requests), or any method at any path. */
const controlOperation = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(...CONTROL_ROUTES).chain((route) =>
      fc.record({
        method: fc.constant(route.method.toUpperCase()),
        path: route.path.includes('{id}')
          ? fc.constantFrom('fuzz-1', 'nope', '%00', 'a.b').map((id) => route.path.replace('{id}', id))
          : fc.constant(route.path),
      }),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      method: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom('GET', 'POST', 'DELETE') },
        { weight: 2, arbitrary: fc.constantFrom('PUT', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'SEARCH') },
      ),
      path: fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom(...CONTROL_ROUTES.map((route) => route.path)) },
        {
          weight: 2,
          arbitrary: fc.constantFrom(
            '',
            '/',
            '//use',
            '/use/',
            '/USE',
            '/issuers/',
            '/issuers/a/b',
            '/%2e%2e/use',
            '/use%00',
          ),
        },
        { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map((text) => `/${encodeURIComponent(text)}`) },
      ),
    }),
  },
)

const controlRequest: fc.Arbitrary<ControlRequest> = fc
  .record({
    guarded: fc.boolean(),
    operation: controlOperation,
    query: fc.oneof(
      { weight: 6, arbitrary: fc.constant('') },
      {
        weight: 1,
        arbitrary: fc.constantFrom('?redact=false', '?endpoint=token', '?endpoint=%zz', `?${'x'.repeat(5000)}`),
      },
    ),
    host: fc.oneof(
      { weight: 16, arbitrary: fc.constant(undefined) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          () => 'evil.example',
          (port: string) => `evil.example:${port}`,
          (port: string) => `localhost:${port}`,
          (port: string) => `[::1]:${port}`,
          () => '127.0.0.1:1',
          () => 'a b',
          () => '',
        ),
      },
    ),
    origin: fc.oneof(
      { weight: 16, arbitrary: fc.constant(undefined) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          (own: string) => own,
          () => 'https://evil.example',
          () => 'null',
          () => 'http://localhost:3000',
        ),
      },
    ),
    secFetchSite: fc.oneof(
      { weight: 16, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom('cross-site', 'same-site', 'same-origin', 'none') },
    ),
    authorization: fc.oneof(
      { weight: 6, arbitrary: fc.constant(`Bearer ${CONTROL_TOKEN}`) },
      {
        weight: 2,
        arbitrary: fc.option(
          fc.oneof(
            fc.constantFrom('Bearer', 'Bearer ', `Bearer ${CONTROL_TOKEN}x`, `bearer ${CONTROL_TOKEN}`, 'Basic YTpi'),
            headerText,
          ),
          { nil: undefined },
        ),
      },
    ),
    contentType: fc.oneof(
      { weight: 6, arbitrary: fc.constant('application/json') },
      {
        weight: 2,
        arbitrary: fc.option(
          fc.constantFrom(
            'application/json; charset=utf-8',
            'application/json; charset=latin1',
            'text/plain',
            'text/plain; charset=utf-8',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'APPLICATION/JSON',
            '',
            ';;;',
          ),
          { nil: undefined },
        ),
      },
    ),
    body: controlBody,
  })
  .map(({ operation, ...rest }) => ({ ...rest, ...operation }))

/** Sends over node:http (fetch cannot send TRACE or another Host); resolves with the whole answer. */
function sendControl(
  request: ControlRequest,
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  const server = request.guarded ? controlServers.guarded! : controlServers.open!
  const url = new URL(server.url)
  const headers: Record<string, string> = {}
  if (request.host) headers.Host = request.host(url.port)
  if (request.origin) headers.Origin = request.origin(url.origin)
  if (request.secFetchSite) headers['Sec-Fetch-Site'] = request.secFetchSite
  if (request.authorization !== undefined) headers.Authorization = request.authorization
  if (request.contentType !== undefined) headers['Content-Type'] = request.contentType
  const body = request.body === undefined ? undefined : Buffer.from(request.body.text)
  if (body && request.body?.chunked) headers['Transfer-Encoding'] = 'chunked'
  else if (body) headers['Content-Length'] = String(body.length)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`control API: no answer within ${REQUEST_TIMEOUT_MS} ms`)),
      REQUEST_TIMEOUT_MS,
    )
    const outgoing = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: `/_codeflow${request.path}${request.query}`,
        headers,
        agent: false,
        setHost: request.host === undefined,
      },
      (incoming) => {
        let text = ''
        incoming.setEncoding('utf8')
        incoming.on('data', (chunk: string) => {
          text += chunk
        })
        incoming.on('end', () => {
          clearTimeout(timer)
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text })
        })
      },
    )
    outgoing.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    outgoing.end(body)
  })
}

function judgeControl(
  request: ControlRequest,
  sent: { status: number; headers: Record<string, unknown>; text: string },
) {
  const where = `${request.method} /_codeflow${request.path} → ${sent.status}: ${sent.text.slice(0, 300)}`
  expect(sent.status, where).toBeGreaterThanOrEqual(200)
  expect(sent.status, where).toBeLessThan(500)
  expect(sent.text, where).not.toMatch(STACK_FRAME)
  expect(sent.text, where).not.toMatch(RUNTIME_ERROR)
  if (request.method === 'HEAD' || sent.text === '') return
  expect(String(sent.headers['content-type'] ?? ''), where).toMatch(/^application\/json/)
  const parsed = JSON.parse(sent.text) as { error?: unknown; error_description?: unknown }
  if (sent.status >= 400) {
    expect(CONTROL_ERRORS, where).toContain(parsed.error)
    expect(typeof parsed.error_description, where).toBe('string')
  }
}

describe('fuzzing the control API', () => {
  beforeAll(async () => {
    const limits = { maxControlBodyBytes: CONTROL_BODY_LIMIT }
    controlServers.guarded = await serveMockIdp(
      { port: 0, log: { level: 'silent' }, control: { enabled: true, token: CONTROL_TOKEN }, limits },
      { log: recordErrors },
    )
    controlServers.open = await serveMockIdp(
      { port: 0, log: { level: 'silent' }, control: { enabled: true }, limits },
      { log: recordErrors },
    )
  })
  afterAll(async () => {
    await controlServers.guarded?.close()
    await controlServers.open?.close()
  })

  it('answers every control request, however malformed, with a 2xx or a JSON 4xx error, and keeps answering', async () => {
    await fc.assert(
      fc.asyncProperty(controlRequest, async (request) => {
        judgeControl(request, await sendControl(request))
      }),
      { seed: SEED, numRuns: 300, endOnFailure: true },
    )
    expect(loggedErrors).toEqual([])
    for (const server of [controlServers.guarded!, controlServers.open!]) {
      const clock = await fetch(`${server.url}/_codeflow/clock`, {
        headers: { Authorization: `Bearer ${CONTROL_TOKEN}` },
      })
      expect(clock.status).toBe(200)
      expect(await clock.json()).toMatchObject({ now: expect.any(Number) })
    }
  })
})
