import { describe, expect, it } from 'vitest'
import type { AnyCheck, Verdict } from '../../harness/check.js'
import { parseTargetFile, type TargetFile } from '../../harness/target.js'
import { parseChallenge } from './checks/challenge.js'
import getHeader from './checks/get-header.js'
import insufficientScope from './checks/insufficient-scope.js'
import invalidToken from './checks/invalid-token.js'
import jwtAtAlgNone from './checks/jwt-at-alg-none.js'
import multipleMethods from './checks/multiple-methods.js'
import noToken from './checks/no-token.js'
import postBody from './checks/post-body.js'
import postHeader from './checks/post-header.js'
import queryToken from './checks/query-token.js'
import schemeCase from './checks/scheme-case.js'
import scopeClaims from './checks/scope-claims.js'
import subMatch from './checks/sub-match.js'
import type { UserinfoCall, UserinfoProbesEvidence, UserinfoRevokedEvidence } from './gather/userinfo-probes.js'

const exchange = {
  id: 1,
  label: 'x',
  request: { method: 'GET', url: 'https://op.example/userinfo', headers: {} },
  durationMs: 0,
}
const claims = { sub: 'user-1', email: 'alice@example.com', email_verified: true, name: 'Alice' }

function target(userClaims: Record<string, unknown> = {}): TargetFile {
  return parseTargetFile({
    name: 'unit',
    issuer: 'https://op.example',
    clients: [{ client_id: 'client-1', client_secret: 'secret-1', redirect_uris: ['https://rp.example/cb'] }],
    users: [{ username: 'alice', password: 'pw', claims: userClaims }],
  })
}

const ok = (body: Record<string, unknown> = claims): UserinfoCall => ({
  status: 200,
  contentType: 'application/json',
  body,
  exchange,
})
const refused = (status: number, wwwAuthenticate?: string, body?: Record<string, unknown>): UserinfoCall => ({
  status,
  ...(wwwAuthenticate ? { wwwAuthenticate } : {}),
  ...(body ? { body } : {}),
  exchange,
})
const invalidTokenCall = refused(401, 'Bearer realm="userinfo", error="invalid_token", error_description="unknown"')

function probes(overrides: Partial<UserinfoProbesEvidence> = {}): UserinfoProbesEvidence {
  return {
    requestedScope: 'openid profile email',
    idTokenSub: 'user-1',
    get: ok(),
    postHeader: ok(),
    postBody: ok(),
    query: refused(400, 'Bearer error="invalid_request"'),
    lowerScheme: ok(),
    upperScheme: ok(),
    headerAndBody: refused(400, 'Bearer error="invalid_request"', { error: 'invalid_request' }),
    noToken: refused(401, 'Bearer realm="userinfo"'),
    garbage: invalidTokenCall,
    ...overrides,
  }
}

const kind = (check: AnyCheck, evidence: Record<string, unknown>, on: TargetFile = target()): Verdict['kind'] =>
  check.evaluate(evidence as never, { target: on }).kind

describe('UserInfo checks', () => {
  it('reads the scheme and quoted parameters of a WWW-Authenticate challenge', () => {
    expect(parseChallenge('Bearer realm="u", error="invalid_token", error_description="a \\"b\\""')).toEqual({
      scheme: 'Bearer',
      params: { realm: 'u', error: 'invalid_token', error_description: 'a "b"' },
    })
  })

  it('passes ui.get-header for a JSON object with sub', () => {
    expect(kind(getHeader, { userinfoProbes: probes() })).toBe('pass')
  })

  it('fails ui.get-header without sub, with a non-JSON type or a mistyped claim', () => {
    expect(kind(getHeader, { userinfoProbes: probes({ get: ok({ email: 'a@b.c' }) }) })).toBe('fail')
    expect(kind(getHeader, { userinfoProbes: probes({ get: { ...ok(), contentType: 'application/jwt' } }) })).toBe(
      'fail',
    )
    expect(kind(getHeader, { userinfoProbes: probes({ get: ok({ sub: 'u', email_verified: 'yes' }) }) })).toBe('fail')
  })

  it('fails ui.post-header when POST is refused or returns other claims', () => {
    expect(kind(postHeader, { userinfoProbes: probes() })).toBe('pass')
    expect(kind(postHeader, { userinfoProbes: probes({ postHeader: refused(405) }) })).toBe('fail')
    expect(kind(postHeader, { userinfoProbes: probes({ postHeader: ok({ sub: 'user-1' }) }) })).toBe('fail')
  })

  it('accepts a clean refusal of a body token as information and flags a server error', () => {
    expect(kind(postBody, { userinfoProbes: probes() })).toBe('pass')
    expect(kind(postBody, { userinfoProbes: probes({ postBody: refused(401, 'Bearer') }) })).toBe('info')
    expect(kind(postBody, { userinfoProbes: probes({ postBody: refused(500) }) })).toBe('fail')
  })

  it('fails ui.query-token when a token in the query is accepted', () => {
    expect(kind(queryToken, { userinfoProbes: probes() })).toBe('pass')
    expect(kind(queryToken, { userinfoProbes: probes({ query: { ...ok(), cacheControl: 'private' } }) })).toBe('fail')
  })

  it('fails ui.scheme-case when "bearer" in lower case is refused', () => {
    expect(kind(schemeCase, { userinfoProbes: probes() })).toBe('pass')
    expect(kind(schemeCase, { userinfoProbes: probes({ lowerScheme: refused(401, 'Bearer') }) })).toBe('fail')
  })

  it('fails ui.sub-match when the UserInfo sub differs from the ID token sub', () => {
    expect(kind(subMatch, { userinfoProbes: probes() })).toBe('pass')
    expect(kind(subMatch, { userinfoProbes: probes({ idTokenSub: 'user-2' }) })).toBe('fail')
  })

  it('compares scope claims with the target file and flags missing or different values', () => {
    const expected = target({ email: 'alice@example.com', email_verified: true, name: 'Alice' })
    expect(kind(scopeClaims, { userinfoProbes: probes() }, expected)).toBe('pass')
    expect(kind(scopeClaims, { userinfoProbes: probes({ get: ok({ sub: 'user-1', name: 'Alice' }) }) }, expected)).toBe(
      'fail',
    )
    expect(
      kind(scopeClaims, { userinfoProbes: probes({ get: ok({ ...claims, email: 'bob@example.com' }) }) }, expected),
    ).toBe('fail')
  })

  it('without expected values, requires at least one claim of each granted scope', () => {
    expect(kind(scopeClaims, { userinfoProbes: probes() })).toBe('pass')
    expect(kind(scopeClaims, { userinfoProbes: probes({ get: ok({ sub: 'user-1', name: 'Alice' }) }) })).toBe('fail')
  })

  it('requires 401 and a bare Bearer challenge when no token is sent', () => {
    expect(kind(noToken, { userinfoProbes: probes() })).toBe('pass')
    expect(kind(noToken, { userinfoProbes: probes({ noToken: refused(401) }) })).toBe('fail')
    expect(kind(noToken, { userinfoProbes: probes({ noToken: ok() }) })).toBe('fail')
    expect(kind(noToken, { userinfoProbes: probes({ noToken: invalidTokenCall }) })).toBe('warn')
    expect(kind(noToken, { userinfoProbes: probes({ noToken: refused(400, 'Bearer') }) })).toBe('warn')
  })

  const revoked = (after: UserinfoCall): UserinfoRevokedEvidence => ({
    available: true,
    revocation: { status: 200, exchange },
    before: ok(),
    after,
  })

  it('requires 401 invalid_token for made-up and revoked tokens', () => {
    expect(kind(invalidToken, { userinfoProbes: probes(), userinfoRevoked: revoked(invalidTokenCall) })).toBe('pass')
    expect(kind(invalidToken, { userinfoProbes: probes(), userinfoRevoked: revoked(ok()) })).toBe('fail')
    expect(
      kind(invalidToken, {
        userinfoProbes: probes({ garbage: refused(401) }),
        userinfoRevoked: revoked(invalidTokenCall),
      }),
    ).toBe('fail')
    expect(
      kind(invalidToken, {
        userinfoProbes: probes({ garbage: refused(400, 'Bearer error="invalid_request"') }),
        userinfoRevoked: revoked(invalidTokenCall),
      }),
    ).toBe('fail')
  })

  it('only warns on the SHOULDs of a made-up token refusal: no "error" at all, or invalid_token with a status other than 401', () => {
    const garbage = (call: ReturnType<typeof refused>) =>
      kind(invalidToken, { userinfoProbes: probes({ garbage: call }), userinfoRevoked: revoked(invalidTokenCall) })
    expect(garbage(refused(401, 'Bearer realm="userinfo"'))).toBe('warn')
    expect(garbage(refused(403, 'Bearer error="invalid_token"'))).toBe('warn')
    expect(garbage(refused(401, 'Bearer error="insufficient_scope"'))).toBe('fail')
  })

  it('judges the made-up token alone when revocation is not advertised', () => {
    const verdict = invalidToken.evaluate(
      { userinfoProbes: probes(), userinfoRevoked: { available: false, reason: 'no revocation_endpoint' } } as never,
      { target: target() },
    )
    expect(verdict.kind).toBe('pass')
    expect('message' in verdict ? verdict.message : '').toContain('no revocation_endpoint')
  })

  it('accepts 403 insufficient_scope or 401 for a token without openid, and fails on claims', () => {
    const call = (c: UserinfoCall) => ({ userinfoWithoutOpenid: { requestedScope: 'profile', call: c } })
    expect(kind(insufficientScope, call(refused(403, 'Bearer error="insufficient_scope"')))).toBe('pass')
    expect(kind(insufficientScope, call(refused(401, 'Bearer error="invalid_token"')))).toBe('pass')
    expect(kind(insufficientScope, call(ok()))).toBe('fail')
    expect(kind(insufficientScope, call(refused(400)))).toBe('warn')
  })

  it('requires 400 invalid_request for a token in both header and body', () => {
    expect(kind(multipleMethods, { userinfoProbes: probes() })).toBe('pass')
    expect(kind(multipleMethods, { userinfoProbes: probes({ headerAndBody: ok() }) })).toBe('fail')
    // RFC 6750 §3.1 names invalid_request for "more than one method": invalid_token for a valid token fails.
    expect(kind(multipleMethods, { userinfoProbes: probes({ headerAndBody: invalidTokenCall }) })).toBe('fail')
    // No "error", or invalid_request with a status other than 400: the SHOULDs, warnings.
    expect(kind(multipleMethods, { userinfoProbes: probes({ headerAndBody: refused(404) }) })).toBe('warn')
    expect(
      kind(multipleMethods, {
        userinfoProbes: probes({ headerAndBody: refused(401, 'Bearer error="invalid_request"') }),
      }),
    ).toBe('warn')
  })

  it('skips ui.jwt-at-alg-none for opaque tokens and fails when an unsigned JWT is accepted', () => {
    expect(kind(jwtAtAlgNone, { userinfoProbes: probes() })).toBe('skip')
    expect(kind(jwtAtAlgNone, { userinfoProbes: probes({ algNone: invalidTokenCall }) })).toBe('pass')
    expect(kind(jwtAtAlgNone, { userinfoProbes: probes({ algNone: ok() }) })).toBe('fail')
  })
})
