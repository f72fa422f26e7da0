/**
 * Key rotation on demand (docs/testing-your-client.md "Key rotation"): new keys sign at once, the replaced ones stay in the JWK Set
 * for a grace period on the mock's clock, and `requests({ endpoint: 'jwks' })` shows whether a
 * client fetched the JWKS again. Over real HTTP, as a partner's test would drive it.
 */
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from 'jose'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { runLoginFlow } from '../../test/support/login-flow.js'
import { DEFAULT_ROTATION_GRACE_MS } from '../control/controller.js'
import { createMockIdp, type MockIdp } from '../index.js'
import { mockIdpHandlers } from '../msw.js'
import { generateSigningKey, KeyStore } from './key-store.js'

const CLIENT = { id: 's6BhdRkqt3', secret: 'gX1fBat3bV', redirectUri: 'https://client.example.org/cb' }
const LOGGED_OUT = 'https://client.example.org/logged-out'

let idp: MockIdp
let metadata: { jwks_uri: string; token_endpoint: string; end_session_endpoint: string }

beforeAll(async () => {
  idp = await createMockIdp({ log: { level: 'silent' } })
  metadata = await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()
})
afterAll(() => idp.close())
beforeEach(() => idp.reset())

/** Alice signs in and the client redeems the code: the ID token a relying party would receive. */
async function signIn(): Promise<string> {
  const { params } = await runLoginFlow({
    baseUrl: idp.url,
    params: {
      response_type: 'code',
      client_id: CLIENT.id,
      redirect_uri: CLIENT.redirectUri,
      scope: 'openid',
      state: 's',
    },
    username: 'alice',
    password: 'wonderland',
  })
  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code')!,
      redirect_uri: CLIENT.redirectUri,
    }),
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { id_token: string }).id_token
}

async function publishedJwks(): Promise<JSONWebKeySet> {
  return (await fetch(metadata.jwks_uri)).json() as Promise<JSONWebKeySet>
}

async function publishedKids(): Promise<string[]> {
  return (await publishedJwks()).keys.map((key) => key.kid!)
}

/** Verifies as a client holding `jwks` would, at the mock's time. */
function verify(token: string, jwks: JSONWebKeySet) {
  return jwtVerify(token, createLocalJWKSet(jwks), {
    issuer: idp.issuer,
    audience: CLIENT.id,
    currentDate: new Date(idp.clock.now()),
  })
}

describe('key rotation with createMockIdp', () => {
  it('signs the next ID token with the new key and reports the keys it replaced', async () => {
    const before = idp.clock.now()
    const rotation = await idp.rotateKeys()
    expect(rotation).toEqual({
      kid: expect.stringMatching(/^rotated-rs256-\d+$/),
      kids: [rotation.kid],
      retiresAt: expect.any(Number),
      previous: ['codeflow-dev-rs256'],
    })
    expect(rotation.retiresAt - before).toBeGreaterThanOrEqual(DEFAULT_ROTATION_GRACE_MS)
    expect(rotation.retiresAt - idp.clock.now()).toBeLessThanOrEqual(DEFAULT_ROTATION_GRACE_MS)
    expect(decodeProtectedHeader(await signIn()).kid).toBe(rotation.kid)
  })

  it('publishes the old and the new key during the grace period, and only the new one after it', async () => {
    const graceMs = 30_000
    const { kid } = await idp.rotateKeys({ graceMs })
    expect(await publishedKids()).toEqual([kid, 'codeflow-dev-rs256'])
    idp.clock.advance(graceMs - 1_000)
    expect(await publishedKids()).toEqual([kid, 'codeflow-dev-rs256'])
    idp.clock.advance(1_001)
    expect(await publishedKids()).toEqual([kid])
  })

  it('keeps an ID token signed before the rotation verifiable during the grace period, and not after', async () => {
    const graceMs = 60_000
    const before = await signIn()
    expect(decodeProtectedHeader(before).kid).toBe('codeflow-dev-rs256')
    await idp.rotateKeys({ graceMs })
    await expect(verify(before, await publishedJwks())).resolves.toMatchObject({ payload: { sub: '248289761001' } })
    idp.clock.advance(graceMs + 1)
    await expect(verify(before, await publishedJwks())).rejects.toThrow(/no applicable key/i)
  })

  it('with graceMs 0 removes the old key at once: a client that never refetches fails', async () => {
    const cachedForever = await publishedJwks()
    const { kid, previous } = await idp.rotateKeys({ graceMs: 0 })
    expect(await publishedKids()).toEqual([kid])
    expect(previous).toEqual(['codeflow-dev-rs256'])
    await expect(verify(await signIn(), cachedForever)).rejects.toThrow(/no applicable key/i)
  })

  // The example to copy: "assert that my client fetched the JWKS again after a rotation".
  it('shows in requests() that the client fetched the JWKS again after a rotation', async () => {
    // The client under test; here jose's remote JWK Set, which refetches when it meets an unknown
    // kid (cooldownDuration 0: its default 30 s cooldown runs on real time, not the mock's clock).
    const clientJwks = createRemoteJWKSet(new URL(metadata.jwks_uri), { cooldownDuration: 0 })
    const clientVerifies = (token: string) => jwtVerify(token, clientJwks, { issuer: idp.issuer, audience: CLIENT.id })

    await clientVerifies(await signIn())
    expect(idp.requests({ endpoint: 'jwks' })).toHaveLength(1)

    await idp.rotateKeys({ graceMs: 0 })
    await clientVerifies(await signIn())
    expect(idp.requests({ endpoint: 'jwks' })).toHaveLength(2) // fetched again after the rotation
  })

  it('reset() restores the keys loaded at start, and never reuses a rotated kid', async () => {
    const first = await idp.rotateKeys({ graceMs: 0 })
    await idp.reset()
    expect(await publishedKids()).toEqual(['codeflow-dev-rs256'])
    expect(decodeProtectedHeader(await signIn()).kid).toBe('codeflow-dev-rs256')
    const second = await idp.rotateKeys()
    expect(second.kid).not.toBe(first.kid)
    expect(second.previous).toEqual(['codeflow-dev-rs256'])
  })

  it('rejects a negative or non-numeric graceMs', async () => {
    await expect(idp.rotateKeys({ graceMs: -1 })).rejects.toThrow(/graceMs/)
    await expect(idp.rotateKeys({ graceMs: Number.NaN })).rejects.toThrow(/graceMs/)
    expect(await publishedKids()).toEqual(['codeflow-dev-rs256'])
  })

  it('accepts an id_token_hint signed by a key in its grace period at end_session, and not once it retired', async () => {
    const graceMs = 10_000
    const hint = await signIn()
    await idp.rotateKeys({ graceMs })
    const logout = () =>
      fetch(
        `${metadata.end_session_endpoint}?${new URLSearchParams({ id_token_hint: hint, post_logout_redirect_uri: LOGGED_OUT })}`,
        {
          redirect: 'manual',
        },
      )
    const during = await logout()
    expect(during.headers.get('location')).toBe(LOGGED_OUT)
    idp.clock.advance(graceMs + 1)
    const after = await logout()
    expect(after.status).toBe(400) // as for any hint signed by a key the provider does not publish
    expect(await after.text()).toContain('id_token_hint')
  })
})

describe('KeyStore rotation', () => {
  const T0 = Date.UTC(2026, 0, 1)

  it('rotates every configured algorithm, and a second rotation shortens nothing it need not', async () => {
    const store = new KeyStore([await generateSigningKey('ES256', 'es-0'), await generateSigningKey('EdDSA', 'ed-0')])
    const first = await store.generateRotationKeys()
    expect(first.map((key) => key.kid)).toEqual(['rotated-es256-1', 'rotated-eddsa-1'])
    expect(store.rotate(first, T0 + 100)).toEqual(['es-0', 'ed-0'])
    expect(store.signingKey('ES256').kid).toBe('rotated-es256-1')
    const second = await store.generateRotationKeys()
    expect(store.rotate(second, T0 + 500)).toEqual(['rotated-es256-1', 'rotated-eddsa-1'])
    const kids = (now: number) => store.jwks(now).keys.map((key) => key.kid)
    expect(kids(T0 + 99)).toEqual([
      'rotated-es256-2',
      'rotated-eddsa-2',
      'rotated-es256-1',
      'rotated-eddsa-1',
      'es-0',
      'ed-0',
    ])
    expect(kids(T0 + 100)).toEqual(['rotated-es256-2', 'rotated-eddsa-2', 'rotated-es256-1', 'rotated-eddsa-1'])
    expect(kids(T0 + 500)).toEqual(['rotated-es256-2', 'rotated-eddsa-2'])
    store.restore()
    expect(kids(T0 + 500)).toEqual(['es-0', 'ed-0'])
    expect(store.signingKey('EdDSA').kid).toBe('ed-0')
  })

  it('skips a rotated kid that a loaded key already uses', async () => {
    const store = new KeyStore([await generateSigningKey('ES256', 'rotated-es256-1')])
    const [fresh] = await store.generateRotationKeys()
    expect(fresh?.kid).toBe('rotated-es256-2')
  })
})

describe('key rotation with codeflow/msw', () => {
  it('rotates the keys of the in-process provider', async () => {
    const handle = mockIdpHandlers({ log: { level: 'silent' } })
    const { kid } = await handle.rotateKeys({ graceMs: 0 })
    const provider = await handle.ready
    expect(provider.keys.signingKey('RS256').kid).toBe(kid)
    expect(provider.keys.jwks(provider.clock.now()).keys.map((key) => key.kid)).toEqual([kid])
    await handle.reset()
    expect(provider.keys.signingKey('RS256').kid).toBe('codeflow-dev-rs256')
  })
})
