import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { CompletedFlow } from '../../flows/code-flow.js'
import type { DiscoveryEvidence, JwksEvidence } from '../../flows/discover.js'
import type { IdTokenInspection } from '../../flows/id-token.js'
import type { AnyCheck, Verdict } from '../../harness/check.js'
import { parseTargetFile, type TargetFile } from '../../harness/target.js'
import acr from './checks/acr.js'
import algDefaultAndAdvertised from './checks/alg-default-and-advertised.js'
import algNoneOnlyIfRegistered from './checks/alg-none-only-if-registered.js'
import atHash from './checks/at-hash.js'
import aud from './checks/aud.js'
import authTime from './checks/auth-time.js'
import azp from './checks/azp.js'
import cHash from './checks/c-hash.js'
import dataMinimisation from './checks/data-minimisation.js'
import expIat from './checks/exp-iat.js'
import headerSanity from './checks/header-sanity.js'
import hmac from './checks/hmac.js'
import iss from './checks/iss.js'
import jwsVerifiable from './checks/jws-verifiable.js'
import kid from './checks/kid.js'
import noKeyHeaders from './checks/no-key-headers.js'
import nonce from './checks/nonce.js'
import refreshIdToken from './checks/refresh-id-token.js'
import signingKeyStrength, { keyBits } from './checks/signing-key-strength.js'
import standardClaimTypes from './checks/standard-claim-types.js'
import sub from './checks/sub.js'
import type { IdTokenRefreshEvidence, IdTokenSample } from './gather/id-token-flows.js'

const exchange = {
  id: 1,
  label: 'x',
  request: { method: 'POST', url: 'https://op.example/token', headers: {} },
  durationMs: 0,
}
const ISSUER = 'https://op.example'
const NOW = 1_750_000_000

const target: TargetFile = parseTargetFile({
  name: 'unit',
  issuer: ISSUER,
  clients: [{ client_id: 'client-1', client_secret: 'secret-1', redirect_uris: ['https://rp.example/cb'] }],
  users: [{ username: 'alice', password: 'pw' }],
})

function inspection(
  header: Record<string, unknown> = {},
  claims: Record<string, unknown> = {},
  signature: Partial<IdTokenInspection['signature']> = {},
): IdTokenInspection {
  return {
    raw: 'eyJ.eyJ.sig',
    header: { alg: 'RS256', kid: 'k1', ...header } as IdTokenInspection['header'],
    claims: { iss: ISSUER, sub: 'user-1', aud: 'client-1', exp: NOW + 3600, iat: NOW, nonce: 'n-1', ...claims },
    signature: { verified: true, matchingKeys: 1, ...signature },
  }
}

function flow(
  idToken: IdTokenInspection | undefined = inspection(),
  extra: Record<string, unknown> = {},
): CompletedFlow {
  return {
    attempt: {
      request: {
        params: { scope: 'openid email' },
        nonce: 'n-1',
        client: { client_id: 'client-1', client_secret: 'secret-1' },
      },
    },
    code: 'the-code',
    accessToken: 'the-access-token',
    token: { status: 200, body: {}, exchange },
    idToken,
    ...extra,
  } as unknown as CompletedFlow
}

function sample(idToken: IdTokenInspection | undefined = inspection(), receivedAt = NOW): IdTokenSample {
  return {
    label: 'x',
    clientId: 'client-1',
    request: {},
    ...(idToken ? { idToken } : {}),
    receivedAt,
    exchanges: [exchange],
  }
}

const rsaKey = (bytes: number) => ({
  kty: 'RSA',
  kid: 'k1',
  e: 'AQAB',
  n: Buffer.alloc(bytes, 0xff).toString('base64url'),
})
const jwks = (keys: Record<string, unknown>[]): JwksEvidence => ({
  url: 'x',
  exchange,
  status: 200,
  keys,
  body: { keys },
})
const discovery = (metadata: Record<string, unknown>): DiscoveryEvidence => ({
  endpoints: { authorization: 'a', token: 't' },
  exchange,
  metadata,
})
const half = (value: string) => createHash('sha256').update(value).digest().subarray(0, 16).toString('base64url')
const notHmac = { applicable: false, alg: 'RS256' }

const kind = (check: AnyCheck, evidence: Record<string, unknown>): Verdict['kind'] =>
  check.evaluate(evidence as never, { target }).kind

describe('ID token checks', () => {
  it('passes idt.jws-verifiable for a verified RS256 token', () => {
    expect(kind(jwsVerifiable, { happyFlow: flow(), idTokenHmac: notHmac })).toBe('pass')
  })

  it('fails idt.jws-verifiable for a missing, unsigned or unverifiable ID token', () => {
    expect(kind(jwsVerifiable, { happyFlow: flow(inspection(), { idToken: undefined }), idTokenHmac: notHmac })).toBe(
      'fail',
    )
    expect(kind(jwsVerifiable, { happyFlow: flow(inspection({ alg: 'none' })), idTokenHmac: notHmac })).toBe('fail')
    expect(
      kind(jwsVerifiable, { happyFlow: flow(inspection({}, {}, { verified: false })), idTokenHmac: notHmac }),
    ).toBe('fail')
  })

  it('passes idt.kid when the kid names exactly one key', () => {
    expect(kind(kid, { happyFlow: flow(), jwks: jwks([rsaKey(256), { ...rsaKey(256), kid: 'k2' }]) })).toBe('pass')
  })

  it('fails idt.kid without a kid when the JWKS has several keys, and warns with a single key', () => {
    const noKid = flow(inspection({ kid: undefined }))
    expect(kind(kid, { happyFlow: noKid, jwks: jwks([rsaKey(256), { ...rsaKey(256), kid: 'k2' }]) })).toBe('fail')
    expect(kind(kid, { happyFlow: noKid, jwks: jwks([rsaKey(256)]) })).toBe('warn')
  })

  it('fails idt.kid when no key or several keys match the kid', () => {
    expect(kind(kid, { happyFlow: flow(inspection({}, {}, { matchingKeys: 0 })), jwks: jwks([rsaKey(256)]) })).toBe(
      'fail',
    )
    expect(kind(kid, { happyFlow: flow(inspection({}, {}, { matchingKeys: 2 })), jwks: jwks([rsaKey(256)]) })).toBe(
      'fail',
    )
  })

  it('fails idt.alg-default-and-advertised when the alg is not advertised, and warns when it is not RS256', () => {
    expect(
      kind(algDefaultAndAdvertised, {
        happyFlow: flow(),
        discovery: discovery({ id_token_signing_alg_values_supported: ['RS256'] }),
      }),
    ).toBe('pass')
    expect(
      kind(algDefaultAndAdvertised, {
        happyFlow: flow(),
        discovery: discovery({ id_token_signing_alg_values_supported: ['ES256'] }),
      }),
    ).toBe('fail')
    expect(
      kind(algDefaultAndAdvertised, {
        happyFlow: flow(inspection({ alg: 'ES256' })),
        discovery: discovery({ id_token_signing_alg_values_supported: ['ES256'] }),
      }),
    ).toBe('warn')
  })

  it('fails idt.alg-none-only-if-registered for an unsigned ID token', () => {
    expect(kind(algNoneOnlyIfRegistered, { happyFlow: flow() })).toBe('pass')
    expect(
      kind(algNoneOnlyIfRegistered, { happyFlow: flow({ ...inspection({ alg: 'none' }), raw: 'eyJ.eyJ.' }) }),
    ).toBe('fail')
  })

  it('skips idt.hmac for asymmetric algorithms and judges MAC and secret length for HS256', () => {
    expect(kind(hmac, { idTokenHmac: notHmac, happyFlow: flow() })).toBe('skip')
    expect(
      kind(hmac, {
        idTokenHmac: { applicable: true, alg: 'HS256', verified: true, secretOctets: 32 },
        happyFlow: flow(),
      }),
    ).toBe('pass')
    expect(
      kind(hmac, {
        idTokenHmac: { applicable: true, alg: 'HS256', verified: true, secretOctets: 16 },
        happyFlow: flow(),
      }),
    ).toBe('fail')
    expect(
      kind(hmac, {
        idTokenHmac: { applicable: true, alg: 'HS256', verified: false, secretOctets: 40 },
        happyFlow: flow(),
      }),
    ).toBe('fail')
  })

  it('fails idt.no-key-headers when the header carries a jku or x5c', () => {
    expect(kind(noKeyHeaders, { happyFlow: flow() })).toBe('pass')
    expect(kind(noKeyHeaders, { happyFlow: flow(inspection({ jku: 'https://evil.example/jwks' })) })).toBe('fail')
  })

  it('measures RSA moduli and curves in bits', () => {
    expect(keyBits(rsaKey(256) as never)).toBe(2048)
    expect(keyBits({ kty: 'RSA', n: Buffer.from([0, 0x7f, 0xff]).toString('base64url') })).toBe(15)
    expect(keyBits({ kty: 'EC', crv: 'P-384' })).toBe(384)
  })

  it('fails idt.signing-key-strength for a 1024-bit RSA key', () => {
    expect(kind(signingKeyStrength, { happyFlow: flow(), jwks: jwks([rsaKey(256)]) })).toBe('pass')
    expect(kind(signingKeyStrength, { happyFlow: flow(), jwks: jwks([rsaKey(128)]) })).toBe('fail')
  })

  it('fails idt.iss when iss differs from the issuer, even by a trailing slash', () => {
    expect(kind(iss, { happyFlow: flow() })).toBe('pass')
    expect(kind(iss, { happyFlow: flow(inspection({}, { iss: `${ISSUER}/` })) })).toBe('fail')
  })

  it('accepts an aud array containing the client_id and fails one without it', () => {
    expect(kind(aud, { happyFlow: flow(inspection({}, { aud: ['other', 'client-1'] })) })).toBe('pass')
    expect(kind(aud, { happyFlow: flow(inspection({}, { aud: 'other' })) })).toBe('fail')
  })

  it('fails idt.azp for a foreign azp and warns for several audiences without azp', () => {
    expect(kind(azp, { happyFlow: flow(inspection({}, { azp: 'client-1' })) })).toBe('pass')
    expect(kind(azp, { happyFlow: flow(inspection({}, { azp: 'other' })) })).toBe('fail')
    expect(kind(azp, { happyFlow: flow(inspection({}, { aud: ['client-1', 'api'] })) })).toBe('warn')
  })

  it('judges exp and iat against the moment the token arrived', () => {
    expect(kind(expIat, { idTokenFlow: sample() })).toBe('pass')
    expect(kind(expIat, { idTokenFlow: sample(inspection({}, { exp: NOW - 1 })) })).toBe('fail')
    expect(kind(expIat, { idTokenFlow: sample(inspection({}, { iat: NOW + 3600, exp: NOW + 7200 })) })).toBe('fail')
    expect(kind(expIat, { idTokenFlow: sample(inspection({}, { iat: NOW - 600 })) })).toBe('warn')
    expect(kind(expIat, { idTokenFlow: sample(inspection({}, { exp: '1750003600' })) })).toBe('fail')
  })

  it('fails idt.sub for a sub that changes between logins or differs from UserInfo', () => {
    expect(kind(sub, { happyFlow: flow(), idTokenFlow: sample() })).toBe('pass')
    expect(kind(sub, { happyFlow: flow(), idTokenFlow: sample(inspection({}, { sub: 'user-2' })) })).toBe('fail')
    const userinfo = { status: 200, body: { sub: 'someone-else' }, exchange }
    expect(kind(sub, { happyFlow: flow(inspection(), { userinfo }), idTokenFlow: sample() })).toBe('fail')
    expect(kind(sub, { happyFlow: flow(inspection({}, { sub: 'x'.repeat(256) })), idTokenFlow: sample() })).toBe('fail')
  })

  it('requires nonce to be echoed when sent and absent when not', () => {
    const withoutNonce = sample(inspection({}, { nonce: undefined }))
    expect(kind(nonce, { happyFlow: flow(), idTokenWithoutNonce: withoutNonce })).toBe('pass')
    expect(
      kind(nonce, { happyFlow: flow(inspection({}, { nonce: 'other' })), idTokenWithoutNonce: withoutNonce }),
    ).toBe('fail')
    expect(kind(nonce, { happyFlow: flow(), idTokenWithoutNonce: sample(inspection({}, { nonce: 'invented' })) })).toBe(
      'fail',
    )
    expect(
      kind(nonce, {
        happyFlow: flow(),
        idTokenWithoutNonce: { label: 'x', request: {}, refused: { error: 'invalid_request' }, exchanges: [] },
      }),
    ).toBe('warn')
  })

  it('verifies at_hash as the left half of the SHA-256 of the access token', () => {
    expect(kind(atHash, { happyFlow: flow(inspection({}, { at_hash: half('the-access-token') })) })).toBe('pass')
    expect(kind(atHash, { happyFlow: flow(inspection({}, { at_hash: half('another-token') })) })).toBe('fail')
    expect(kind(atHash, { happyFlow: flow() })).toBe('pass')
  })

  it('verifies c_hash against the code when present', () => {
    expect(kind(cHash, { happyFlow: flow(inspection({}, { c_hash: half('the-code') })) })).toBe('pass')
    expect(kind(cHash, { happyFlow: flow(inspection({}, { c_hash: half('other-code') })) })).toBe('fail')
  })

  it('requires auth_time within max_age when max_age was sent', () => {
    const withMaxAge = (claims: Record<string, unknown>) => ({
      idTokenMaxAge: { ...sample(inspection({}, claims)), maxAge: 300 },
    })
    expect(kind(authTime, withMaxAge({ auth_time: NOW - 10 }))).toBe('pass')
    expect(kind(authTime, withMaxAge({}))).toBe('fail')
    expect(kind(authTime, withMaxAge({ auth_time: NOW - 3600 }))).toBe('fail')
    expect(kind(authTime, withMaxAge({ auth_time: NOW + 3600 }))).toBe('fail')
  })

  it('fails idt.acr for an empty acr and warns when acr is not one of the advertised values requested', () => {
    const acrSample = (claims: Record<string, unknown>) => ({ ...sample(inspection({}, claims)), acrValues: ['gold'] })
    const advertised = discovery({ acr_values_supported: ['gold', 'silver'] })
    expect(kind(acr, { happyFlow: flow(), idTokenAcr: acrSample({ acr: 'gold' }), discovery: advertised })).toBe('pass')
    expect(kind(acr, { happyFlow: flow(), idTokenAcr: acrSample({}), discovery: advertised })).toBe('pass')
    expect(kind(acr, { happyFlow: flow(), idTokenAcr: acrSample({ acr: '' }), discovery: advertised })).toBe('fail')
    expect(kind(acr, { happyFlow: flow(), idTokenAcr: acrSample({ acr: 'silver' }), discovery: advertised })).toBe(
      'warn',
    )
  })

  it('fails idt.standard-claim-types for a string email_verified and a string updated_at', () => {
    expect(
      kind(standardClaimTypes, { happyFlow: flow(inspection({}, { email: 'a@b.c', email_verified: true })) }),
    ).toBe('pass')
    expect(kind(standardClaimTypes, { happyFlow: flow(inspection({}, { email_verified: 'true' })) })).toBe('fail')
    expect(kind(standardClaimTypes, { happyFlow: flow(inspection({}, { updated_at: '2024-01-01' })) })).toBe('fail')
  })

  it('reports end-user claims in the ID token as information only', () => {
    expect(kind(dataMinimisation, { happyFlow: flow() })).toBe('pass')
    expect(kind(dataMinimisation, { happyFlow: flow(inspection({}, { name: 'Alice' })) })).toBe('info')
  })

  it('fails idt.header-sanity for crit or a JWE, and warns for an unusual typ', () => {
    expect(kind(headerSanity, { happyFlow: flow(inspection({ typ: 'JWT' })) })).toBe('pass')
    expect(kind(headerSanity, { happyFlow: flow(inspection({ crit: ['exp'] })) })).toBe('fail')
    expect(kind(headerSanity, { happyFlow: flow({ ...inspection(), raw: 'a.b.c.d.e' }) })).toBe('fail')
    expect(kind(headerSanity, { happyFlow: flow(inspection({ typ: 'at+jwt' })) })).toBe('warn')
  })

  it('compares a refreshed ID token with the original one', () => {
    const original = sample(inspection({}, { auth_time: NOW - 5, azp: 'client-1' }))
    const refreshed = (claims: Record<string, unknown>): IdTokenRefreshEvidence => ({
      original,
      refresh: {
        status: 200,
        exchange,
        idToken: inspection({}, { auth_time: NOW - 5, azp: 'client-1', iat: NOW + 1, nonce: undefined, ...claims }),
      },
    })
    expect(kind(refreshIdToken, { idTokenRefresh: refreshed({}) })).toBe('pass')
    expect(kind(refreshIdToken, { idTokenRefresh: refreshed({ sub: 'user-2' }) })).toBe('fail')
    expect(kind(refreshIdToken, { idTokenRefresh: refreshed({ auth_time: NOW + 1 }) })).toBe('fail')
    expect(kind(refreshIdToken, { idTokenRefresh: refreshed({ nonce: 'n-1' }) })).toBe('warn')
    expect(kind(refreshIdToken, { idTokenRefresh: { original, noRefreshToken: 'no refresh token was issued' } })).toBe(
      'skip',
    )
  })
})
