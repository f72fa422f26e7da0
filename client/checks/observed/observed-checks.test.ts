import { expect, it } from 'vitest'
import type { RecordedExchange } from '../../../mock-idp/recorder.js'
import type { ObservedEvidence } from '../client-check.js'
import { csrfProtection } from './csrf-protection.js'
import { estimatedBits } from './entropy.js'
import { jwksCached } from './jwks-cached.js'
import { jwksRefetched } from './jwks-refetched.js'
import { noTokenInUrl } from './no-token-in-url.js'
import { pkceS256 } from './pkce-s256.js'
import { redirectUriExact } from './redirect-uri-exact.js'
import { registeredAuthMethod } from './registered-auth-method.js'
import { stateEntropy } from './state-entropy.js'
import { userInfoBearerHeader } from './userinfo-bearer-header.js'

const REDIRECT = 'http://127.0.0.1:4000/callback'
const STATE = 'af0ifjsldkj-Qx7vLr2mZp9KcT4wYb8NeUhD'
const exchange = (
  endpoint: string,
  params: Array<[string, string]>,
  extra: Partial<RecordedExchange> = {},
): RecordedExchange => ({
  endpoint,
  method: endpoint === 'token' ? 'POST' : 'GET',
  url: `http://127.0.0.1:9000/i/${endpoint}`,
  params,
  headers: {},
  status: 200,
  at: 0,
  ...extra,
})
const authorize = (params: Array<[string, string]> = []) =>
  exchange('authorization', [
    ['response_type', 'code'],
    ['scope', 'openid profile'],
    ['redirect_uri', REDIRECT],
    ['state', STATE],
    ['code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'],
    ['code_challenge_method', 'S256'],
    ...params,
  ])
const redeem = (
  params: Array<[string, string]> = [],
  headers: Record<string, string> = { authorization: 'Basic abc' },
) =>
  exchange(
    'token',
    [
      ['grant_type', 'authorization_code'],
      ['code', 'c'],
      ['redirect_uri', REDIRECT],
      ['code_verifier', 'v'],
      ...params,
    ],
    { headers, responseBody: { access_token: 'at-1234567890', id_token: 'eyJ.x.y' } },
  )
const evidence = (baseline: RecordedExchange[], extra: Partial<ObservedEvidence> = {}): ObservedEvidence => ({
  registration: { client_id: 'app', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'client_secret_basic' },
  baseline,
  repeat: undefined,
  afterRotation: undefined,
  visitedUrls: [],
  ...extra,
})

it('passes PKCE with S256 and fails plain or a missing verifier', () => {
  expect(pkceS256.evaluate(evidence([authorize(), redeem()])).kind).toBe('pass')
  const plain = exchange('authorization', [['code_challenge', 'x'.repeat(43)]])
  expect(pkceS256.evaluate(evidence([plain, redeem()]))).toMatchObject({ kind: 'fail', actual: 'plain' })
  const noVerifier = exchange('token', [['grant_type', 'authorization_code']])
  expect(pkceS256.evaluate(evidence([authorize(), noVerifier])).kind).toBe('fail')
})

it('accepts any of state, PKCE or nonce as CSRF protection and fails a request with none', () => {
  expect(csrfProtection.evaluate(evidence([exchange('authorization', [['nonce', 'n'.repeat(30)]])])).kind).toBe('pass')
  expect(csrfProtection.evaluate(evidence([exchange('authorization', [['response_type', 'code']])])).kind).toBe('fail')
})

it('estimates the randomness of a value by its alphabet, never above what its characters allow', () => {
  expect(estimatedBits('0123456789abcdef0123456789abcdef')).toBe(128)
  expect(estimatedBits('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toBeLessThan(128)
})

it('fails a short state and the same state twice, and skips a client that sends none', () => {
  expect(stateEntropy.evaluate(evidence([authorize()])).kind).toBe('pass')
  expect(stateEntropy.evaluate(evidence([exchange('authorization', [['state', '12345']])])).kind).toBe('fail')
  expect(stateEntropy.evaluate(evidence([authorize()], { repeat: [authorize()] }))).toMatchObject({
    kind: 'fail',
    message: 'two sign-ins sent the same state',
  })
  expect(stateEntropy.evaluate(evidence([exchange('authorization', [])])).kind).toBe('skip')
})

it('fails a redirect_uri that differs from the registered one by a character, or is not repeated at the token endpoint', () => {
  expect(redirectUriExact.evaluate(evidence([authorize(), redeem()])).kind).toBe('pass')
  const slash = exchange('authorization', [['redirect_uri', `${REDIRECT}/`]])
  expect(redirectUriExact.evaluate(evidence([slash, redeem()])).kind).toBe('fail')
  const other = exchange('token', [
    ['grant_type', 'authorization_code'],
    ['redirect_uri', 'http://127.0.0.1:4000/cb'],
  ])
  expect(redirectUriExact.evaluate(evidence([authorize(), other])).kind).toBe('fail')
})

it('fails a client that authenticates with another method than it registered, or with two', () => {
  expect(registeredAuthMethod.evaluate(evidence([authorize(), redeem()])).kind).toBe('pass')
  expect(registeredAuthMethod.evaluate(evidence([authorize(), redeem([['client_secret', 'x']], {})]))).toMatchObject({
    kind: 'fail',
    actual: 'client_secret_post',
  })
  expect(registeredAuthMethod.evaluate(evidence([authorize(), redeem([['client_secret', 'x']])]))).toMatchObject({
    kind: 'fail',
    actual: 'client_secret_basic + client_secret_post',
  })
})

it('fails an access token in a UserInfo query and an issued token in an app URL', () => {
  expect(
    noTokenInUrl.evaluate(evidence([authorize(), redeem()], { visitedUrls: ['http://127.0.0.1:4000/me'] })).kind,
  ).toBe('pass')
  const query = exchange('userinfo', [], { url: 'http://127.0.0.1:9000/i/userinfo?access_token=at-1234567890' })
  expect(noTokenInUrl.evaluate(evidence([authorize(), redeem(), query])).kind).toBe('fail')
  const leaked = evidence([authorize(), redeem()], { visitedUrls: ['http://127.0.0.1:4000/me?token=at-1234567890'] })
  expect(noTokenInUrl.evaluate(leaked).kind).toBe('fail')
})

it('judges the UserInfo bearer header only for a client that calls UserInfo', () => {
  expect(userInfoBearerHeader.evaluate(evidence([authorize()])).kind).toBe('skip')
  const header = exchange('userinfo', [], { headers: { authorization: 'Bearer [REDACTED]' } })
  expect(userInfoBearerHeader.evaluate(evidence([header])).kind).toBe('pass')
  expect(
    userInfoBearerHeader.evaluate(evidence([exchange('userinfo', [['access_token', 'x']], { method: 'POST' })])).kind,
  ).toBe('fail')
})

it('notes a JWK Set fetched on every sign-in without failing, and fails a refusal after a rotation without a refetch', () => {
  expect(jwksCached.evaluate(evidence([], { repeat: [exchange('jwks', [])] })).kind).toBe('info')
  expect(jwksCached.evaluate(evidence([], { repeat: [authorize()] })).kind).toBe('pass')
  expect(
    jwksRefetched.evaluate(evidence([], { afterRotation: { requests: [exchange('jwks', [])], signedIn: true } })).kind,
  ).toBe('pass')
  expect(jwksRefetched.evaluate(evidence([], { afterRotation: { requests: [], signedIn: false } })).kind).toBe('fail')
  expect(jwksRefetched.evaluate(evidence([], { afterRotation: { requests: [], signedIn: true } })).kind).toBe('info')
})
