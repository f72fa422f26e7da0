/**
 * Three `codeflow idp` processes sharing one real redis-server and one issuer, as behind a load
 * balancer (docs/several-instances.md): flows that cross instances work; a code is redeemed at
 * most once across them (RFC 6749 §4.1.2); refresh token reuse on one revokes the grant on all
 * (RFC 9700 §4.14.2); a redemption that a request behaviour of its flow refuses gives the code
 * back on all; an instance killed and restarted loses nothing; Redis away is a 503
 * temporarily_unavailable, and the flows work again once it is back.
 */
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { Browser, runLoginFlow } from '../../mock-idp/testing/login-flow.js'
import { IdpInstance, ISSUER, roundRobin } from '../support/idp-instances.js'
import { RedisServer } from '../support/redis-server.js'

const CLIENT = { id: 's6BhdRkqt3', secret: 'gX1fBat3bV', redirectUri: 'https://client.example.org/cb' }
const BASIC = `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`
const TRIALS = 1000
const REDEMPTIONS_PER_TRIAL = 6
/** Trials in flight at once: enough to keep three processes busy on two cores. */
const TRIALS_AT_ONCE = 8

let redis: RedisServer
let a: IdpInstance
let b: IdpInstance
let c: IdpInstance

beforeAll(async () => {
  redis = await RedisServer.start()
  a = new IdpInstance(redis.url())
  b = new IdpInstance(redis.url())
  c = new IdpInstance(redis.url())
  await Promise.all([a.start(), b.start(), c.start()])
}, 90_000)

afterAll(async () => {
  await Promise.all([a?.kill(), b?.kill(), c?.kill()])
  await redis?.stop()
})

const authorizationParams = (state: string) => ({
  response_type: 'code',
  client_id: CLIENT.id,
  redirect_uri: CLIENT.redirectUri,
  scope: 'openid profile',
  state,
  nonce: `nonce-${state}`,
})

function tokenRequest(via: IdpInstance, body: Record<string, string>): Promise<Response> {
  return via.fetch(`${ISSUER}/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: BASIC },
    body: new URLSearchParams(body),
  })
}

function redeem(via: IdpInstance, code: string): Promise<Response> {
  return tokenRequest(via, { grant_type: 'authorization_code', code, redirect_uri: CLIENT.redirectUri })
}

function refresh(via: IdpInstance, refreshToken: string): Promise<Response> {
  return tokenRequest(via, { grant_type: 'refresh_token', refresh_token: refreshToken })
}

function userinfo(via: IdpInstance, accessToken: string): Promise<Response> {
  return via.fetch(`${ISSUER}/userinfo`, { headers: { Authorization: `Bearer ${accessToken}` } })
}

interface Tokens {
  access_token: string
  refresh_token: string
  id_token: string
}

/** A login through the pages, every request to the next instance in turn; returns the code. */
async function signInAcross(instances: IdpInstance[], state: string, browser?: Browser): Promise<string> {
  const flow = await runLoginFlow({
    baseUrl: ISSUER,
    params: authorizationParams(state),
    username: 'alice',
    password: 'wonderland',
    browser: browser ?? new Browser({ fetch: roundRobin(instances) }),
  })
  expect(flow.params.get('state')).toBe(state)
  const code = flow.params.get('code')
  if (!code) throw new Error(`no code in ${flow.callbackUrl}`)
  return code
}

it('completes a flow that signs in across all three, redeems on the second and reads UserInfo on the third', async () => {
  const code = await signInAcross([a, b, c], 'cross')
  const response = await redeem(b, code)
  expect(response.status).toBe(200)
  const tokens = (await response.json()) as Tokens
  const claims = await userinfo(c, tokens.access_token)
  expect(claims.status).toBe(200)
  expect(await claims.json()).toMatchObject({ sub: '248289761001' })
  // The ID token verifies with the JWK Set any instance serves (as a client's library checks it:
  // jose skips a key whose key_ops do not allow "verify"): they sign with the same keys.
  for (const instance of [a, b, c]) {
    const jwks = (await (await instance.fetch(`${ISSUER}/.well-known/jwks.json`)).json()) as JSONWebKeySet
    const { payload } = await jwtVerify(tokens.id_token, createLocalJWKSet(jwks), { issuer: ISSUER })
    expect(payload.sub).toBe('248289761001')
  }
})

it(`gives exactly one of ${REDEMPTIONS_PER_TRIAL} concurrent redemptions spread over three instances the tokens, in each of ${TRIALS} trials`, async () => {
  // One sign-in with consent; the session (consent remembered) then gets a code in one request.
  const browser = new Browser({ fetch: a.fetch })
  await signInAcross([a], 'race-sign-in', browser)
  const instances = [a, b, c]
  const outcomes: Array<{ winners: number; statuses: number[] }> = []
  const trial = async (n: number) => {
    const authorize = await browser.get(
      `${ISSUER}/oauth/authorize?${new URLSearchParams(authorizationParams(`race-${n}`))}`,
    )
    const code = new URL(authorize.headers.get('location') ?? 'http://missing').searchParams.get('code')
    if (!code) throw new Error(`trial ${n}: no code (${authorize.status} ${authorize.headers.get('location')})`)
    const responses = await Promise.all(
      Array.from({ length: REDEMPTIONS_PER_TRIAL }, (_, i) => redeem(instances[i % 3]!, code)),
    )
    const statuses = responses.map((response) => response.status)
    await Promise.all(responses.map((response) => response.arrayBuffer()))
    outcomes.push({ winners: statuses.filter((status) => status === 200).length, statuses })
  }
  let next = 0
  await Promise.all(
    Array.from({ length: TRIALS_AT_ONCE }, async () => {
      while (next < TRIALS) await trial(next++)
    }),
  )
  expect(outcomes).toHaveLength(TRIALS)
  const wrong = outcomes.filter(
    ({ winners, statuses }) => winners !== 1 || statuses.some((s) => s !== 200 && s !== 400),
  )
  expect(wrong).toEqual([])
}, 180_000)

it('revokes the whole grant on every instance when a rotated refresh token is reused on another', async () => {
  const code = await signInAcross([a, b, c], 'reuse')
  const first = (await (await redeem(a, code)).json()) as Tokens
  const rotated = await refresh(a, first.refresh_token)
  expect(rotated.status).toBe(200)
  const second = (await rotated.json()) as Tokens
  const reuse = await refresh(b, first.refresh_token)
  expect(reuse.status).toBe(400)
  expect(await reuse.json()).toMatchObject({ error: 'invalid_grant' })
  // The family is revoked everywhere: the newest refresh token and the access tokens too.
  const latest = await refresh(c, second.refresh_token)
  expect(latest.status).toBe(400)
  expect(await latest.json()).toMatchObject({ error: 'invalid_grant' })
  expect((await userinfo(a, second.access_token)).status).toBe(401)
  expect((await userinfo(c, first.access_token)).status).toBe(401)
})

it('loses nothing when an instance is killed mid-run and started again', async () => {
  const browser = new Browser({ fetch: b.fetch })
  const code = await signInAcross([b], 'restart', browser)
  const redeemed = await redeem(a, code)
  const tokens = (await redeemed.json()) as Tokens
  const pendingCode = await runLoginFlow({ baseUrl: ISSUER, params: authorizationParams('pending'), browser })
  await b.kill()
  await b.start()
  // The session (its cookie signed with the shared key), the unredeemed code and the tokens all survive.
  const again = await runLoginFlow({ baseUrl: ISSUER, params: authorizationParams('again'), browser })
  expect(again.pages).toEqual([])
  expect(again.params.get('code')).toBeTruthy()
  expect((await redeem(b, pendingCode.params.get('code')!)).status).toBe(200)
  expect((await userinfo(b, tokens.access_token)).status).toBe(200)
  expect((await refresh(b, tokens.refresh_token)).status).toBe(200)
}, 60_000)

it('sees a key rotation made through one instance on every other', async () => {
  const rotation = await c.control('/keys/rotate', { graceMs: 0 })
  expect(rotation.status).toBe(200)
  const { kid } = (await rotation.json()) as { kid: string }
  for (const instance of [a, b]) {
    const jwks = (await (await instance.fetch(`${ISSUER}/.well-known/jwks.json`)).json()) as {
      keys: Array<{ kid: string }>
    }
    expect(jwks.keys.map((key) => key.kid)).toEqual([kid])
  }
  const code = await signInAcross([a, b, c], 'rotated')
  const tokens = (await (await redeem(a, code)).json()) as Tokens
  expect(JSON.parse(Buffer.from(tokens.id_token.split('.')[0]!, 'base64url').toString()).kid).toBe(kid)
  await b.control('/reset', {})
  const restored = (await (await c.fetch(`${ISSUER}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> }
  expect(restored.keys.map((key) => key.kid)).not.toContain(kid)
})

it("shares the control API's overrides, clock and recorded requests between instances", async () => {
  expect((await a.control('/use', { endpoint: 'token', error: 'temporarily_unavailable' })).status).toBe(201)
  expect(((await (await c.control('/overrides')).json()) as unknown[]).length).toBe(1)
  const code = await signInAcross([a, b, c], 'controlled')
  const failed = await redeem(b, code)
  expect(failed.status).toBe(503)
  expect(await failed.json()).toMatchObject({ error: 'temporarily_unavailable' })
  // Used up by that one request: the queue is empty on every instance.
  expect(await (await a.control('/overrides')).json()).toEqual([])
  const recorded = (await (await a.control('/requests?endpoint=token')).json()) as Array<{
    status: number
    params: string[][]
  }>
  expect(recorded.at(-1)).toMatchObject({ status: 503 })
  expect(recorded.at(-1)!.params).toContainEqual(['code', '[REDACTED]'])

  const next = await signInAcross([a, b, c], 'clocked')
  const tokens = (await (await redeem(c, next)).json()) as Tokens
  expect((await userinfo(a, tokens.access_token)).status).toBe(200)
  const before = ((await (await a.control('/clock')).json()) as { now: number }).now
  expect((await b.control('/clock/advance', { ms: 600_000 })).status).toBe(200)
  const after = ((await (await c.control('/clock')).json()) as { now: number }).now
  expect(after - before).toBeGreaterThanOrEqual(600_000)
  // The access token (599 s) has expired on every instance's clock.
  expect((await userinfo(a, tokens.access_token)).status).toBe(401)
  expect((await c.control('/reset', {})).status).toBe(204)
  expect(((await (await a.control('/clock')).json()) as { now: number }).now).toBeLessThan(after)
  expect(await (await b.control('/requests')).json()).toEqual([])
})

it('gives a code back on every instance when a request behaviour of its flow refuses the redemption', async () => {
  // The flow's behaviour is queued through one instance and travels with the code in Redis.
  expect((await a.control('/use', { behaviour: 'token-unknown-param-refused' })).status).toBe(201)
  const code = await signInAcross([a, b, c], 'given-back')
  const refused = await tokenRequest(b, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: CLIENT.redirectUri,
    resource_hint: 'x',
  })
  expect(refused.status).toBe(400)
  expect(await refused.json()).toMatchObject({ error: 'invalid_request' })
  // Neither spent nor marked as reused: another instance redeems it, and it is single-use after.
  const redeemed = await redeem(c, code)
  expect(redeemed.status).toBe(200)
  expect((await userinfo(a, ((await redeemed.json()) as Tokens).access_token)).status).toBe(200)
  const replay = await redeem(a, code)
  expect(replay.status).toBe(400)
  expect(await replay.json()).toMatchObject({ error: 'invalid_grant' })
})

it('serves an issuer added by path through one instance on every other, with its state shared', async () => {
  const added = await a.control('/issuers', { id: 'tenant-1', config: { keys: { source: 'generate' } } })
  expect(added.status).toBe(201)
  expect(await added.json()).toEqual({ id: 'tenant-1', issuer: `${ISSUER}/tenant-1` })
  const listed = (await (await c.control('/issuers')).json()) as Array<{ id: string }>
  expect(listed.map((issuer) => issuer.id)).toEqual(['tenant-1'])
  const tenant = `${ISSUER}/tenant-1`
  const flow = await runLoginFlow({
    baseUrl: tenant,
    authorizationEndpoint: `${tenant}/oauth/authorize`,
    params: authorizationParams('tenant'),
    username: 'alice',
    password: 'wonderland',
    browser: new Browser({ fetch: roundRobin([a, b, c]) }),
  })
  const response = await b.fetch(`${tenant}/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: BASIC },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: flow.params.get('code')!,
      redirect_uri: CLIENT.redirectUri,
    }),
  })
  expect(response.status).toBe(200)
  const { id_token: idToken } = (await response.json()) as Tokens
  // Generated keys: the first instance's are every instance's, and they are not the root issuer's.
  const kid = JSON.parse(Buffer.from(idToken.split('.')[0]!, 'base64url').toString()).kid
  const tenantKeys = (await (await c.fetch(`${tenant}/.well-known/jwks.json`)).json()) as {
    keys: Array<{ kid: string }>
  }
  expect(tenantKeys.keys.map((key) => key.kid)).toContain(kid)
  expect((await b.fetch(`${tenant}/.well-known/openid-configuration`)).status).toBe(200)
  const removed = await fetch(`${c.url}/_codeflow/issuers/tenant-1`, { method: 'DELETE' })
  expect(removed.status).toBe(204)
  expect((await a.fetch(`${tenant}/.well-known/openid-configuration`)).status).toBe(404)
})

it('answers 503 temporarily_unavailable while Redis is down, and serves flows again once it is back', async () => {
  const code = await signInAcross([a, b, c], 'before-outage')
  await redis.stop()
  const during = await redeem(b, code)
  expect(during.status).toBe(503)
  expect(during.headers.get('retry-after')).toBe('1')
  expect(await during.json()).toMatchObject({ error: 'temporarily_unavailable' })
  const page = await c.fetch(`${ISSUER}/oauth/authorize?${new URLSearchParams(authorizationParams('during'))}`, {
    redirect: 'manual',
  })
  // The authorization endpoint answers in the protocol's terms: an error redirected to the client.
  const location = new URL(page.headers.get('location') ?? 'http://missing')
  expect(location.searchParams.get('error')).toBe('temporarily_unavailable')
  expect(location.searchParams.get('state')).toBe('during')
  // Discovery needs no store: it keeps answering.
  expect((await a.fetch(`${ISSUER}/.well-known/openid-configuration`)).status).toBe(200)
  await redis.restart()
  for (const instance of [a, b, c]) await untilServing(instance)
  const after = await signInAcross([a, b, c], 'after-outage')
  expect((await redeem(c, after)).status).toBe(200)
  expect(a.output + b.output + c.output).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+\/0 is unavailable/)
}, 60_000)

/** Waits (bounded) until `instance` has reconnected by itself: a token request is answered by the grant, not with 503. */
async function untilServing(instance: IdpInstance): Promise<void> {
  let status = 0
  for (let attempt = 0; attempt < 100 && status !== 400; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100))
    const probe = await refresh(instance, 'not-a-refresh-token')
    status = probe.status
    await probe.arrayBuffer()
  }
  expect(status).toBe(400)
}

it('refuses to start against an unreachable Redis with exit code 2 and one line naming it, password redacted', async () => {
  const unreachable = new IdpInstance('redis://:s3cret-pass@127.0.0.1:1/0')
  const failure = await unreachable.start().catch((error: unknown) => error as Error)
  expect(failure).toBeInstanceOf(Error)
  const message = (failure as Error).message
  expect(message).toContain('exited (2)')
  expect(unreachable.output.trim().split('\n')).toEqual([
    expect.stringMatching(
      /^codeflow: cannot reach the Redis store at redis:\/\/:\*\*\*@127\.0\.0\.1:1\/0 \(store\.url\): /,
    ),
  ])
  expect(unreachable.output).not.toContain('s3cret')
})
