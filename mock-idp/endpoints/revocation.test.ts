import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { basic, SAMPLE, startServer, type TestServer } from '../test-support/back-channel.js'

let idp: TestServer
const sampleAuth = { Authorization: basic(SAMPLE.clientId, SAMPLE.secret) }
const otherAuth = { Authorization: basic('codeflow-basic', 'codeflow-basic-secret') }

beforeAll(async () => {
  idp = await startServer()
})
afterAll(() => idp.close())

const revoke = (body: Record<string, string>, headers: Record<string, string> = sampleAuth) =>
  idp.post('/oauth/revoke', body, headers)
const userinfoStatus = async (token: string) =>
  (await fetch(idp.url('/userinfo'), { headers: { Authorization: `Bearer ${token}` } })).status
const refreshStatus = async (token: string) =>
  (await idp.token({ grant_type: 'refresh_token', refresh_token: token }, sampleAuth)).status

describe('revocation endpoint', () => {
  it('revokes an access token with 200 and an empty body, leaving the refresh token alive', async () => {
    const tokens = await idp.tokens()
    const response = await revoke({ token: tokens.access_token, token_type_hint: 'access_token' })
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('')
    expect(await userinfoStatus(tokens.access_token)).toBe(401)
    expect(await refreshStatus(tokens.refresh_token!)).toBe(200)
  })

  it('revokes a refresh token and every access token of its grant', async () => {
    const tokens = await idp.tokens()
    expect((await revoke({ token: tokens.refresh_token!, token_type_hint: 'refresh_token' })).status).toBe(200)
    expect(await refreshStatus(tokens.refresh_token!)).toBe(400)
    expect(await userinfoStatus(tokens.access_token)).toBe(401)
  })

  it('revokes a token whatever the hint says, and ignores an unknown hint', async () => {
    const one = await idp.tokens()
    await revoke({ token: one.access_token, token_type_hint: 'refresh_token' })
    expect(await userinfoStatus(one.access_token)).toBe(401)
    const two = await idp.tokens()
    expect((await revoke({ token: two.refresh_token!, token_type_hint: 'id_token' })).status).toBe(200)
    expect(await refreshStatus(two.refresh_token!)).toBe(400)
  })

  it('answers an unknown token with 200', async () => {
    expect((await revoke({ token: 'never-issued' })).status).toBe(200)
  })

  it('answers a repeated revocation with 200 both times', async () => {
    const { access_token } = await idp.tokens()
    expect((await revoke({ token: access_token })).status).toBe(200)
    expect((await revoke({ token: access_token })).status).toBe(200)
  })

  it("refuses to revoke another client's token with invalid_grant and leaves it valid", async () => {
    const tokens = await idp.tokens()
    const response = await revoke({ token: tokens.access_token }, otherAuth)
    expect(response.status).toBe(400)
    expect((await response.json()).error).toBe('invalid_grant')
    const refresh = await revoke({ token: tokens.refresh_token! }, otherAuth)
    expect(refresh.status).toBe(400)
    expect(await userinfoStatus(tokens.access_token)).toBe(200)
    expect(await refreshStatus(tokens.refresh_token!)).toBe(200)
  })

  it('requires client authentication', async () => {
    const { access_token } = await idp.tokens()
    const response = await revoke({ token: access_token }, {})
    expect(response.status).toBe(401)
    expect((await response.json()).error).toBe('invalid_client')
    const wrong = await revoke({ token: access_token }, { Authorization: basic(SAMPLE.clientId, 'wrong') })
    expect(wrong.status).toBe(401)
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic /)
    expect(await userinfoStatus(access_token)).toBe(200)
  })

  it('answers a missing token with invalid_request', async () => {
    const response = await revoke({ token_type_hint: 'access_token' })
    expect(response.status).toBe(400)
    expect((await response.json()).error).toBe('invalid_request')
  })

  it('refuses GET and a JSON body', async () => {
    expect((await fetch(idp.url('/oauth/revoke'), { headers: sampleAuth })).status).toBe(405)
    const json = await fetch(idp.url('/oauth/revoke'), {
      method: 'POST',
      headers: { ...sampleAuth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: 'x' }),
    })
    expect(json.status).toBe(400)
    expect((await json.json()).error).toBe('invalid_request')
  })
})
