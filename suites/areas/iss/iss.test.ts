import { describe, expect, it } from 'vitest'
import type { Exchange } from '../../../reports/run-result.js'
import type { AnyCheck } from '../../harness/check.js'
import { parseTargetFile } from '../../harness/target.js'
import advertised from './checks/advertised.js'
import alwaysIfAdvertised from './checks/always-if-advertised.js'
import inError from './checks/in-error.js'
import value from './checks/value.js'

const ISSUER = 'https://op.example.com'
const exchange = { id: 1, label: 'x', request: { method: 'GET', url: ISSUER, headers: {} }, durationMs: 1 } as Exchange
const target = parseTargetFile({
  name: 't',
  issuer: ISSUER,
  clients: [{ client_id: 'a', client_secret: 'secret-a', redirect_uris: ['https://rp.example/cb'] }],
  users: [{ username: 'u', password: 'password' }],
})
const callback = (params: Record<string, string>) => ({
  result: {
    kind: 'callback',
    mode: 'query',
    params,
    allParams: Object.entries(params),
    sawLogin: false,
    exchanges: [exchange],
  },
})
const evidence = (flag: boolean | undefined, success: Record<string, string>, error: Record<string, string>) => ({
  discovery: {
    exchange,
    metadata: { issuer: ISSUER, authorization_response_iss_parameter_supported: flag },
    endpoints: {},
  },
  happyFlow: { attempt: callback(success) },
  issErrorRedirect: callback(error),
})
const judge = (check: AnyCheck, e: Record<string, unknown>) => check.evaluate(e as never, { target }).kind

describe('iss checks', () => {
  it('passes an exact iss and fails one that differs by a trailing slash', () => {
    expect(judge(value, evidence(true, { code: 'c', iss: ISSUER }, { error: 'login_required', iss: ISSUER }))).toBe(
      'pass',
    )
    expect(judge(value, evidence(true, { code: 'c', iss: `${ISSUER}/` }, { error: 'login_required' }))).toBe('fail')
  })

  it('skips iss.value when no response carries iss', () => {
    expect(judge(value, evidence(false, { code: 'c' }, { error: 'login_required' }))).toBe('skip')
  })

  it('fails an advertised server whose error response lacks iss, and skips when not advertised', () => {
    expect(
      judge(alwaysIfAdvertised, evidence(true, { code: 'c', iss: ISSUER }, { error: 'login_required', iss: ISSUER })),
    ).toBe('pass')
    expect(judge(alwaysIfAdvertised, evidence(true, { code: 'c', iss: ISSUER }, { error: 'login_required' }))).toBe(
      'fail',
    )
    expect(judge(alwaysIfAdvertised, evidence(false, { code: 'c' }, { error: 'login_required' }))).toBe('skip')
  })

  it('fails an error redirect without iss from a server that sends iss on success', () => {
    expect(
      judge(inError, evidence(undefined, { code: 'c', iss: ISSUER }, { error: 'login_required', iss: ISSUER })),
    ).toBe('pass')
    expect(judge(inError, evidence(undefined, { code: 'c', iss: ISSUER }, { error: 'login_required' }))).toBe('fail')
    expect(judge(inError, evidence(undefined, { code: 'c' }, { error: 'login_required' }))).toBe('skip')
  })

  it('warns when iss is sent but the metadata flag is not published', () => {
    expect(judge(advertised, evidence(true, { code: 'c', iss: ISSUER }, { error: 'x', iss: ISSUER }))).toBe('pass')
    expect(judge(advertised, evidence(undefined, { code: 'c', iss: ISSUER }, { error: 'x', iss: ISSUER }))).toBe('fail')
    expect(judge(advertised, evidence(undefined, { code: 'c' }, { error: 'x' }))).toBe('skip')
  })
})
