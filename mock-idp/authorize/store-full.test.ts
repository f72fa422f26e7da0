/**
 * The front channel when a store budget is full (store/store.ts `whenFull`): the authorization
 * request that does not fit is answered with temporarily_unavailable at the client's redirect_uri
 * (RFC 6749 §4.1.2.1), and nothing already issued is lost.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { runLoginFlow } from '../../test/support/login-flow.js'
import { createMockIdp, type MockIdp } from '../index.js'

const CLIENT = { id: 'codeflow-basic', secret: 'codeflow-basic-secret', redirectUri: 'http://localhost:3000/callback' }

let idp: MockIdp
beforeAll(async () => {
  idp = await createMockIdp({ log: { level: 'silent' }, limits: { store: { codes: { maxEntries: 1 } } } })
})
afterAll(() => idp.close())

const params = (state: string) => ({
  response_type: 'code',
  client_id: CLIENT.id,
  redirect_uri: CLIENT.redirectUri,
  scope: 'openid',
  state,
})

function redeem(code: string): Promise<Response> {
  return fetch(`${idp.url}/auth/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: CLIENT.redirectUri }),
  })
}

it('answers temporarily_unavailable when the codes budget is full, and keeps the issued code redeemable', async () => {
  const first = await runLoginFlow({
    baseUrl: idp.url,
    params: params('one'),
    username: 'alice',
    password: 'wonderland',
  })
  const code = first.params.get('code')!
  // Signed in with consent remembered: the next request would issue a code at once, but there is no room.
  const second = await runLoginFlow({ baseUrl: idp.url, params: params('two'), browser: first.browser })
  expect(Object.fromEntries(second.params)).toMatchObject({ error: 'temporarily_unavailable', state: 'two' })
  expect(second.params.get('iss')).toBe(idp.issuer)
  expect((await redeem(code)).status).toBe(200)
  const third = await runLoginFlow({ baseUrl: idp.url, params: params('three'), browser: first.browser })
  expect(third.params.get('code')).toBeTruthy()
})

it('answers temporarily_unavailable after the consent page when the codes budget is full', async () => {
  await idp.reset()
  const held = await runLoginFlow({
    baseUrl: idp.url,
    params: params('held'),
    username: 'alice',
    password: 'wonderland',
  })
  const fresh = await runLoginFlow({ baseUrl: idp.url, params: params('fresh'), username: 'bob', password: 'builder' })
  expect(fresh.pages).toEqual(['login', 'consent'])
  expect(Object.fromEntries(fresh.params)).toMatchObject({ error: 'temporarily_unavailable', state: 'fresh' })
  expect((await redeem(held.params.get('code')!)).status).toBe(200)
})
