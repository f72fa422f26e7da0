/**
 * Test helpers for the back channel: providers and servers with seeded authorization codes, so the
 * token, UserInfo, revocation and introspection endpoints are tested without the front channel.
 */
import { ManualClock } from '../clock.js'
import { parseConfig } from '../config/load.js'
import type { MockIdpConfigInput } from '../config/schema.js'
import { Params } from '../http/params.js'
import type { ParsedRequest } from '../http/parsed-request.js'
import { createProvider, type Provider } from '../provider.js'
import { createRequestContext, type RequestContext } from '../request-context.js'
import { type RunningMockIdp, type ServeOptions, serveMockIdp } from '../server.js'
import { type CodeRecord, storeKey } from '../store/records.js'

/** 2026-01-01T00:00:00Z: tests use literal times, so a failure reads the same on every run. */
export const T0 = Date.UTC(2026, 0, 1)
export const T0_SECONDS = T0 / 1000

export const SAMPLE = { clientId: 's6BhdRkqt3', secret: 'gX1fBat3bV', redirectUri: 'https://client.example.org/cb' }
export const ALICE = { sub: '248289761001', username: 'alice' }

// RFC 7636 Appendix B.
export const PKCE_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'
export const PKCE_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'

export async function testProvider(
  input: MockIdpConfigInput = {},
): Promise<{ provider: Provider; clock: ManualClock }> {
  const clock = new ManualClock(T0)
  const provider = await createProvider(
    parseConfig({ seed: 'back-channel-tests', log: { level: 'silent' }, ...input }),
    {
      issuer: 'https://op.example',
      clock,
    },
  )
  return { provider, clock }
}

let codeCounter = 0

/** Stores an authorization code as the authorization endpoint would, and returns its value. */
export async function seedCode(provider: Provider, overrides: Partial<CodeRecord> = {}): Promise<string> {
  const now = Math.floor(provider.clock.now() / 1000)
  codeCounter += 1
  const code = `test-code-${codeCounter}-${provider.ids.next('test_code', 16)}`
  const record: CodeRecord = {
    grantId: `grant-${codeCounter}-${provider.ids.next('test_grant', 8)}`,
    clientId: SAMPLE.clientId,
    redirectUri: SAMPLE.redirectUri,
    scope: ['openid', 'profile', 'email'],
    sub: ALICE.sub,
    authTime: now - 5,
    issuedAt: now,
    expiresAt: now + provider.config.tokens.codeTtl,
    ...overrides,
  }
  await provider.store.set(storeKey.code(code), record, provider.config.tokens.codeTtl)
  return code
}

/** application/x-www-form-urlencoded encoding of one value (RFC 6749 Appendix B). */
export function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2)
}

/** RFC 6749 §2.3.1: form-urlencode client_id and secret, then base64 them. */
export function basic(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(secret)}`).toString('base64')}`
}

export function params(values: Record<string, string>, maxLength = 4096): Params {
  return new Params(new URLSearchParams(values), maxLength)
}

/** A ParsedRequest as http/parsed-request.ts would build it, for unit tests of endpoints' steps. */
export function parsedRequest(
  options: { headers?: Record<string, string>; query?: string; body?: string } = {},
): ParsedRequest {
  const url = new URL(`https://op.example/auth/token${options.query ? `?${options.query}` : ''}`)
  return {
    method: 'POST',
    url,
    query: url.searchParams,
    bodyText: options.body,
    contentType: 'application/x-www-form-urlencoded',
    headers: new Headers(options.headers),
    cookies: {},
  }
}

/** A token request's context on `provider`, for unit tests of grants and token issuance. */
export function tokenContext(provider: Provider, request: ParsedRequest = parsedRequest()): RequestContext {
  return createRequestContext(provider, request, { endpoint: 'token' })
}

/** Catches the OAuth error a promise or function throws, for asserting on its fields. */
export async function oauthError(action: () => unknown): Promise<{
  error: string
  status: number
  description: string
  headers: Record<string, string>
}> {
  try {
    await action()
  } catch (error) {
    return error as { error: string; status: number; description: string; headers: Record<string, string> }
  }
  throw new Error('expected an OAuth error, but the action succeeded')
}

export interface TestServer {
  running: RunningMockIdp
  url: (path: string) => string
  /** POSTs a form to the token endpoint. */
  token: (body: Record<string, string>, headers?: Record<string, string>) => Promise<Response>
  post: (path: string, body: Record<string, string>, headers?: Record<string, string>) => Promise<Response>
  seedCode: (overrides?: Partial<CodeRecord>) => Promise<string>
  /** Redeems a fresh code for the sample client and returns the token response. */
  tokens: (overrides?: Partial<CodeRecord>) => Promise<TokenBody>
  close: () => Promise<void>
}

export interface TokenBody {
  access_token: string
  token_type: string
  expires_in: number
  refresh_token?: string
  id_token?: string
  scope: string
}

export async function startServer(input: MockIdpConfigInput = {}, options: ServeOptions = {}): Promise<TestServer> {
  const running = await serveMockIdp({ port: 0, log: { level: 'silent' }, ...input }, options)
  const url = (path: string) => `${running.url}${path}`
  const post = (path: string, body: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(url(path), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(body).toString(),
    })
  const token = (body: Record<string, string>, headers?: Record<string, string>) =>
    post(running.provider.config.paths.token, body, headers)
  const seed = (overrides?: Partial<CodeRecord>) => seedCode(running.provider, overrides)
  return {
    running,
    url,
    post,
    token,
    seedCode: seed,
    tokens: async (overrides) => {
      const code = await seed(overrides)
      const response = await token(
        { grant_type: 'authorization_code', code, redirect_uri: overrides?.redirectUri ?? SAMPLE.redirectUri },
        { Authorization: basic(SAMPLE.clientId, SAMPLE.secret) },
      )
      if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${await response.text()}`)
      return (await response.json()) as TokenBody
    },
    close: () => running.close(),
  }
}
