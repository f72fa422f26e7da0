import { describe, expect, it } from 'vitest'
import type { Exchange } from '../../../reports/run-result.js'
import type { AnyCheck } from '../../harness/check.js'
import { parseTargetFile } from '../../harness/target.js'
import authorizationSample from './checks/authorization-sample.js'
import errata from './checks/errata.js'
import tokenSample from './checks/token-sample.js'
import userinfoSample from './checks/userinfo-sample.js'

const exchange = {
  id: 1,
  label: 'x',
  request: { method: 'POST', url: 'https://op', headers: {} },
  durationMs: 1,
} as Exchange
const target = parseTargetFile({
  name: 't',
  issuer: 'https://op.example.com',
  clients: [{ client_id: 'a', client_secret: 'secret-a', redirect_uris: ['https://rp.example/cb'] }],
  users: [{ username: 'u', password: 'password' }],
})
const authorization = (params: Record<string, string>) => ({
  url: 'x',
  redirectUri: 'https://rp.example/cb',
  result: { kind: 'callback', params, allParams: Object.entries(params), exchanges: [exchange] },
})
const call = (status: number, body: Record<string, unknown>) => ({ status, body, text: JSON.stringify(body), exchange })
const tokens = { access_token: 'at', token_type: 'Bearer', expires_in: 599, refresh_token: 'rt', id_token: 'x.y.z' }
const evidence = (extra: Record<string, unknown> = {}) => ({
  guideSamples: {
    clientId: 'a',
    authorization: authorization({ code: 'c', state: 'af0ifjsldkj' }),
    token: call(200, tokens),
    tokenJsonLabelled: call(400, { error: 'invalid_request' }),
    userinfo: call(200, { sub: '1' }),
    strayQuestionMark: {
      url: 'x',
      redirectUri: 'https://rp.example/cb?',
      result: { kind: 'page', status: 400, exchanges: [exchange] },
    },
    ...extra,
  },
})
const judge = (check: AnyCheck, e: Record<string, unknown>) => check.evaluate(e as never, { target }).kind

describe('guide checks', () => {
  it('passes the sample authorization with the sample state and fails an error redirect or a changed state', () => {
    expect(judge(authorizationSample, evidence())).toBe('pass')
    expect(
      judge(
        authorizationSample,
        evidence({ authorization: authorization({ error: 'invalid_request', state: 'af0ifjsldkj' }) }),
      ),
    ).toBe('fail')
    expect(judge(authorizationSample, evidence({ authorization: authorization({ code: 'c', state: 'other' }) }))).toBe(
      'fail',
    )
  })

  it('reports the JSON-labelled token request as a note whether accepted or refused', () => {
    expect(judge(tokenSample, evidence())).toBe('info')
    expect(judge(tokenSample, evidence({ tokenJsonLabelled: call(200, tokens) }))).toBe('info')
  })

  it('fails the token sample when the correct request fails or a sample member is missing', () => {
    expect(judge(tokenSample, evidence({ token: call(400, { error: 'invalid_request' }) }))).toBe('fail')
    expect(judge(tokenSample, evidence({ token: call(200, { ...tokens, id_token: undefined }) }))).toBe('fail')
    expect(judge(tokenSample, evidence({ token: call(200, { ...tokens, token_type: 'mac' }) }))).toBe('fail')
  })

  it('skips the token and UserInfo samples when the first client cannot use Basic auth', () => {
    expect(judge(tokenSample, evidence({ token: undefined, tokenSkipped: 'no basic' }))).toBe('skip')
    expect(judge(userinfoSample, evidence({ token: undefined, tokenSkipped: 'no basic' }))).toBe('skip')
  })

  it('fails the UserInfo sample when the access token is refused', () => {
    expect(judge(userinfoSample, evidence())).toBe('pass')
    expect(judge(userinfoSample, evidence({ userinfo: call(401, { error: 'invalid_token' }) }))).toBe('fail')
  })

  it('lists the three errata as a note', () => {
    const verdict = errata.evaluate(evidence() as never, { target })
    expect(verdict.kind).toBe('info')
    expect('message' in verdict && verdict.message).toMatch(/application\/json.*stray trailing "\?".*elided/)
  })
})
