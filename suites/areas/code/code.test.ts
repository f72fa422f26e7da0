import { describe, expect, it } from 'vitest'
import { error, judge, response, tokens } from '../../test-support/token-evidence.js'
import { estimateEntropy } from '../token/checks/entropy-estimate.js'
import bogusCode from './checks/bogus-code.js'
import charset from './checks/charset.js'
import concurrentRedeem from './checks/concurrent-redeem.js'
import entropy from './checks/entropy.js'
import expiry from './checks/expiry.js'
import failedAttemptPolicy from './checks/failed-attempt-policy.js'
import reuseRevokesAccessToken from './checks/reuse-revokes-access-token.js'
import reuseRevokesRefreshToken from './checks/reuse-revokes-refresh-token.js'
import singleUseDelayed from './checks/single-use-delayed.js'
import singleUseImmediate from './checks/single-use-immediate.js'
import typeConfusion from './checks/type-confusion.js'

/** 128-bit hex values (from a CSPRNG, written out so the test is deterministic). */
const HEX_1 = '9f86d081884c7d659a2feaa0c55ad015'
const HEX_2 = '2c26b46b68ffc68ff99b453c1d304134'
const HEX_3 = 'fcde2b2edba56bf408601fb721fe9b5c'
const samples = (codes: string[]) => ({ codeSamples: { codes, exchanges: [] } })
const b64url = (n: number, seed: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[(i * 7 + seed * 13 + i * i * seed) % 64],
  ).join('')

const replay = (second = error('invalid_grant'), extra: Record<string, unknown> = {}) => ({
  codeReplay: {
    code: 'c',
    first: tokens({ refresh_token: 'rt' }),
    userinfoBefore: response(200, { sub: '1' }),
    replay: second,
    replayAfterMs: 3,
    userinfoAfter: response(401, undefined),
    refreshToken: true,
    refreshAfter: error('invalid_grant'),
    ...extra,
  },
  codeReplayDelayed: { slow: false, replays: [{ delaySeconds: 1, first: tokens(), replay: error('invalid_grant') }] },
})

describe('code checks', () => {
  it('passes 43-character base64url codes (256 bits) and fails 8-digit codes', () => {
    expect(judge(entropy, samples([b64url(43, 1), b64url(43, 2), b64url(43, 3)]))).toBe('pass')
    expect(judge(entropy, samples(['48213377', '99120034', '10293847']))).toBe('fail')
  })

  it('does not false-alarm on a short but dense code: 22 base64url characters are 132 bits, a warning below 160', () => {
    expect(judge(entropy, samples([b64url(22, 1), b64url(22, 2), b64url(22, 3)]))).toBe('warn')
  })

  it('credits hex codes with 4 bits a character and ignores a constant prefix', () => {
    const [a, b, c] = [HEX_1, HEX_2, HEX_3]
    expect(estimateEntropy([a, b, c]).alphabetSize).toBe(16)
    expect(estimateEntropy([a, b, c]).bits).toBe(128)
    expect(judge(entropy, samples([`ac-${a}`, `ac-${b}`, `ac-${c}`]))).toBe('warn')
    expect(estimateEntropy([`ac-${a}`, `ac-${b}`, `ac-${c}`]).effectiveLength).toBe(32)
    expect(judge(entropy, samples([a.slice(0, 24), b.slice(0, 24), c.slice(0, 24)]))).toBe('fail')
  })

  it('fails sequential numeric codes', () => {
    expect(judge(entropy, samples(['100000000000001', '100000000000002', '100000000000003']))).toBe('fail')
  })

  it('fails a code with characters outside VSCHAR', () => {
    expect(judge(charset, samples(['abc']))).toBe('pass')
    expect(judge(charset, samples(['abc\u00e9']))).toBe('fail')
  })

  it('passes an immediate replay refused with invalid_grant and fails one that returns tokens', () => {
    expect(judge(singleUseImmediate, replay())).toBe('pass')
    expect(judge(singleUseImmediate, replay(tokens()))).toBe('fail')
  })

  it('fails an immediate replay refused with another code than invalid_grant, quoting RFC 6749 §5.2', () => {
    const verdict = singleUseImmediate.evaluate(replay(error('invalid_request')) as never, {
      target: undefined as never,
    })
    expect(verdict).toMatchObject({
      kind: 'fail',
      message: expect.stringContaining('RFC 6749 §5.2 names "invalid_grant" for this case'),
    })
  })

  it('reports an immediate-only acceptance as a replay window', () => {
    const verdict = singleUseImmediate.evaluate(replay(tokens()) as never, { target: undefined as never })
    expect(verdict).toMatchObject({ kind: 'fail', message: expect.stringMatching(/replay window/) })
  })

  it('fails a delayed replay that returns tokens', () => {
    const delayed = (second: ReturnType<typeof tokens>) => ({
      codeReplayDelayed: { slow: false, replays: [{ delaySeconds: 1, first: tokens(), replay: second }] },
    })
    expect(judge(singleUseDelayed, delayed(error('invalid_grant')))).toBe('pass')
    expect(judge(singleUseDelayed, delayed(tokens()))).toBe('fail')
  })

  it('passes exactly one winner among concurrent redemptions and fails two', () => {
    const calls = (winners: number) => ({
      codeConcurrent: { calls: [0, 1, 2, 3, 4].map((i) => (i < winners ? tokens() : error('invalid_grant'))) },
    })
    expect(judge(concurrentRedeem, calls(1))).toBe('pass')
    expect(judge(concurrentRedeem, calls(2))).toBe('fail')
    expect(judge(concurrentRedeem, calls(0))).toBe('warn')
  })

  it('fails when the access token still works after a replay, and skips without UserInfo', () => {
    expect(judge(reuseRevokesAccessToken, replay())).toBe('pass')
    expect(judge(reuseRevokesAccessToken, replay(undefined, { userinfoAfter: response(200, { sub: '1' }) }))).toBe(
      'fail',
    )
    expect(
      judge(reuseRevokesAccessToken, replay(undefined, { userinfoBefore: undefined, userinfoAfter: undefined })),
    ).toBe('skip')
  })

  it('fails when the refresh token still works after a replay, and skips without one', () => {
    expect(judge(reuseRevokesRefreshToken, replay())).toBe('pass')
    expect(judge(reuseRevokesRefreshToken, replay(undefined, { refreshAfter: tokens() }))).toBe('fail')
    expect(judge(reuseRevokesRefreshToken, replay(undefined, { refreshAfter: error('invalid_request') }))).toBe('fail')
    expect(judge(reuseRevokesRefreshToken, replay(undefined, { refreshToken: false, refreshAfter: undefined }))).toBe(
      'skip',
    )
  })

  it('warns on a code still accepted after ten minutes (a RECOMMENDED lifetime) and fails an expired code refused with another code', () => {
    expect(judge(expiry, { codeExpiry: { waitedSeconds: 630, call: error('invalid_grant') } })).toBe('pass')
    expect(judge(expiry, { codeExpiry: { waitedSeconds: 630, call: tokens() } })).toBe('warn')
    expect(judge(expiry, { codeExpiry: { waitedSeconds: 630, call: error('invalid_request') } })).toBe('fail')
  })

  it('requires 400 invalid_grant for a bogus code', () => {
    const grantErrors = (bogus: ReturnType<typeof tokens>) => ({ tokenGrantErrors: { bogusCode: bogus } })
    expect(judge(bogusCode, grantErrors(error('invalid_grant')))).toBe('pass')
    expect(judge(bogusCode, grantErrors(error('invalid_grant', 401)))).toBe('fail')
    expect(judge(bogusCode, grantErrors(response(500, undefined, { 'content-type': 'text/html' })))).toBe('fail')
    expect(judge(bogusCode, grantErrors(error('invalid_request')))).toBe('fail')
  })

  it('fails when a code is accepted as a bearer token or a token as a code', () => {
    const confusion = (extra: Record<string, unknown> = {}) => ({
      codeTypeConfusion: {
        codeAsRefreshToken: error('invalid_grant'),
        codeAsBearer: response(401, undefined),
        accessTokenAsCode: error('invalid_grant'),
        refreshTokenAsCode: error('invalid_grant'),
        ...extra,
      },
    })
    expect(judge(typeConfusion, confusion())).toBe('pass')
    expect(judge(typeConfusion, confusion({ codeAsBearer: response(200, { sub: '1' }) }))).toBe('fail')
    expect(judge(typeConfusion, confusion({ accessTokenAsCode: tokens() }))).toBe('fail')
    expect(judge(typeConfusion, confusion({ codeAsBearer: response(400, { error: 'invalid_request' }) }))).toBe('warn')
    expect(judge(typeConfusion, confusion({ refreshTokenAsCode: error('invalid_request') }))).toBe('fail')
  })

  it('reports whether a failed attempt burns the code, either way as information', () => {
    const attempt = (retry: ReturnType<typeof tokens>) => ({
      tokenRedirectUri: {
        registered: 'r',
        mismatchUri: 'r?x=y',
        missing: error('invalid_request'),
        mismatch: error('invalid_grant'),
        retry,
      },
    })
    const burnt = failedAttemptPolicy.evaluate(attempt(error('invalid_grant')) as never, { target: undefined as never })
    const usable = failedAttemptPolicy.evaluate(attempt(tokens()) as never, { target: undefined as never })
    expect(burnt).toMatchObject({ kind: 'info', message: expect.stringMatching(/burns the code/) })
    expect(usable).toMatchObject({ kind: 'info', message: expect.stringMatching(/stayed usable/) })
  })
})
