import { describe, expect, it } from 'vitest'
import type { DiscoveryEvidence } from '../../flows/discover.js'
import type { AnyCheck, Verdict } from '../../harness/check.js'
import { parseTargetFile, type TargetFile } from '../../harness/target.js'
import challengeSyntax from './checks/challenge-syntax.js'
import methodOmitted from './checks/method-omitted.js'
import missingVerifier from './checks/missing-verifier.js'
import plainPolicy from './checks/plain-policy.js'
import requiredPolicy from './checks/required-policy.js'
import s256 from './checks/s256.js'
import s256ToPlainDowngrade from './checks/s256-to-plain-downgrade.js'
import supported from './checks/supported.js'
import unknownMethod from './checks/unknown-method.js'
import verifierSyntax from './checks/verifier-syntax.js'
import verifierWithoutChallenge from './checks/verifier-without-challenge.js'
import wrongVerifier from './checks/wrong-verifier.js'
import type { PkceScenario, PkceWithoutChallengeEvidence, TokenAttempt } from './gather/pkce-scenarios.js'

const exchange = {
  id: 1,
  label: 'x',
  request: { method: 'POST', url: 'https://op.example/token', headers: {} },
  durationMs: 0,
}

function target(policy: Partial<TargetFile['policy']> = {}): TargetFile {
  return parseTargetFile({
    name: 'unit',
    issuer: 'https://op.example',
    clients: [{ client_id: 'client-1', client_secret: 'secret-1', redirect_uris: ['https://rp.example/cb'] }],
    users: [{ username: 'alice', password: 'pw' }],
    policy,
  })
}

function discovery(methods?: string[]): DiscoveryEvidence {
  return {
    endpoints: { authorization: 'https://op.example/authorize', token: 'https://op.example/token' },
    exchange,
    metadata: methods ? { code_challenge_methods_supported: methods } : {},
  }
}

const issued: TokenAttempt = { status: 200, body: { access_token: 'at', token_type: 'Bearer' }, exchange }
const refused = (error: string, status = 400): TokenAttempt => ({ status, body: { error }, exchange })

function scenario(overrides: Partial<PkceScenario> = {}): PkceScenario {
  return {
    label: 'pkce: a scenario',
    clientId: 'client-1',
    sent: {},
    authorization: { kind: 'code' },
    exchanges: [exchange],
    ...overrides,
  }
}

function judge(check: AnyCheck, evidence: Record<string, unknown>, on: TargetFile = target()): Verdict {
  return check.evaluate(evidence as never, { target: on })
}

const kind = (check: AnyCheck, evidence: Record<string, unknown>, on?: TargetFile) => judge(check, evidence, on).kind

describe('PKCE checks', () => {
  it('passes pkce.s256 when the S256 code was redeemed with its verifier', () => {
    expect(kind(s256, { pkceS256: scenario({ token: issued }) })).toBe('pass')
  })

  it('fails pkce.s256 when the S256 code was not redeemed with its verifier', () => {
    expect(kind(s256, { pkceS256: scenario({ token: refused('invalid_grant') }) })).toBe('fail')
  })

  it('passes pkce.wrong-verifier on 400 invalid_grant', () => {
    expect(
      kind(wrongVerifier, {
        pkceWrongVerifier: scenario({ token: refused('invalid_grant') }),
        discovery: discovery(['S256']),
      }),
    ).toBe('pass')
  })

  it('fails pkce.wrong-verifier when a token is issued for a wrong verifier', () => {
    expect(
      kind(wrongVerifier, { pkceWrongVerifier: scenario({ token: issued }), discovery: discovery(['S256']) }),
    ).toBe('fail')
  })

  it('fails pkce.wrong-verifier on a refusal with invalid_request, since RFC 7636 §4.6 names invalid_grant alone', () => {
    const verdict = judge(wrongVerifier, {
      pkceWrongVerifier: scenario({ token: refused('invalid_request') }),
      discovery: discovery(),
    })
    expect(verdict).toMatchObject({
      kind: 'fail',
      message: expect.stringContaining('RFC 7636 §4.6 names "invalid_grant"'),
    })
  })

  it('fails pkce.wrong-verifier on invalid_grant with HTTP 401 (RFC 6749 §5.2: 400)', () => {
    expect(
      kind(wrongVerifier, {
        pkceWrongVerifier: scenario({ token: refused('invalid_grant', 401) }),
        discovery: discovery(),
      }),
    ).toBe('fail')
  })

  it('fails pkce.wrong-verifier on a refusal without a JSON error member', () => {
    const noError: TokenAttempt = { status: 400, body: {}, exchange }
    expect(kind(wrongVerifier, { pkceWrongVerifier: scenario({ token: noError }), discovery: discovery() })).toBe(
      'fail',
    )
  })

  it('fails pkce.missing-verifier on a code outside invalid_grant and invalid_request', () => {
    expect(
      kind(missingVerifier, {
        pkceMissingVerifier: scenario({ token: refused('invalid_client') }),
        discovery: discovery(),
      }),
    ).toBe('fail')
  })

  it('only warns in pkce.verifier-without-challenge on an unexpected code, since RFC 9700 names none', () => {
    expect(
      kind(verifierWithoutChallenge, {
        pkceVerifierWithoutChallenge: scenario({ token: refused('invalid_client') }),
        discovery: discovery(),
      }),
    ).toBe('warn')
  })

  it('only notes an ignored verifier under the rfc6749 profile when PKCE is not advertised', () => {
    const evidence = { pkceWrongVerifier: scenario({ token: issued }), discovery: discovery() }
    expect(kind(wrongVerifier, evidence, target({ profile: 'rfc6749' }))).toBe('info')
  })

  it('fails an ignored verifier under the rfc6749 profile when the server advertises PKCE', () => {
    const evidence = { pkceWrongVerifier: scenario({ token: issued }), discovery: discovery(['S256']) }
    expect(kind(wrongVerifier, evidence, target({ profile: 'rfc6749' }))).toBe('fail')
  })

  it('accepts invalid_request or invalid_grant for a missing code_verifier', () => {
    expect(
      kind(missingVerifier, {
        pkceMissingVerifier: scenario({ token: refused('invalid_request') }),
        discovery: discovery(),
      }),
    ).toBe('pass')
    expect(
      kind(missingVerifier, {
        pkceMissingVerifier: scenario({ token: refused('invalid_grant') }),
        discovery: discovery(),
      }),
    ).toBe('pass')
  })

  it('fails pkce.missing-verifier when the code is redeemed without a verifier', () => {
    expect(kind(missingVerifier, { pkceMissingVerifier: scenario({ token: issued }), discovery: discovery() })).toBe(
      'fail',
    )
  })

  it('passes pkce.verifier-without-challenge when the server requires a challenge of the client', () => {
    const evidence = {
      pkceVerifierWithoutChallenge: scenario({ authorization: { kind: 'error', error: 'invalid_request' } }),
      discovery: discovery(),
    }
    expect(kind(verifierWithoutChallenge, evidence)).toBe('pass')
  })

  it('passes pkce.verifier-without-challenge when the token endpoint refuses the verifier', () => {
    expect(
      kind(verifierWithoutChallenge, {
        pkceVerifierWithoutChallenge: scenario({ token: refused('invalid_grant') }),
        discovery: discovery(),
      }),
    ).toBe('pass')
  })

  it('fails pkce.verifier-without-challenge when a verifier is accepted for a code without challenge', () => {
    expect(
      kind(verifierWithoutChallenge, {
        pkceVerifierWithoutChallenge: scenario({ token: issued }),
        discovery: discovery(),
      }),
    ).toBe('fail')
  })

  it('fails pkce.s256-to-plain-downgrade when the challenge itself is accepted as verifier', () => {
    expect(
      kind(s256ToPlainDowngrade, { pkceDowngradeToPlain: scenario({ token: issued }), discovery: discovery() }),
    ).toBe('fail')
    expect(
      kind(s256ToPlainDowngrade, {
        pkceDowngradeToPlain: scenario({ token: refused('invalid_grant') }),
        discovery: discovery(),
      }),
    ).toBe('pass')
  })

  it('passes pkce.plain-policy when plain is refused with invalid_request and the policy forbids it', () => {
    expect(
      kind(plainPolicy, { pkcePlain: scenario({ authorization: { kind: 'error', error: 'invalid_request' } }) }),
    ).toBe('pass')
  })

  it('fails pkce.plain-policy when plain works although the policy forbids it', () => {
    expect(kind(plainPolicy, { pkcePlain: scenario({ token: issued }) })).toBe('fail')
  })

  it('fails pkce.plain-policy when plain is refused with another code than invalid_request (RFC 7636 §4.4.1)', () => {
    expect(
      kind(plainPolicy, {
        pkcePlain: scenario({ authorization: { kind: 'error', error: 'unsupported_response_type' } }),
      }),
    ).toBe('fail')
  })

  it('warns in pkce.plain-policy when plain is refused on an error page', () => {
    expect(kind(plainPolicy, { pkcePlain: scenario({ authorization: { kind: 'page', status: 400 } }) })).toBe('warn')
  })

  it('requires plain to work when the policy allows it', () => {
    const allow = target({ pkce_plain: 'allow' })
    expect(kind(plainPolicy, { pkcePlain: scenario({ token: issued }) }, allow)).toBe('pass')
    expect(
      kind(plainPolicy, { pkcePlain: scenario({ authorization: { kind: 'error', error: 'invalid_request' } }) }, allow),
    ).toBe('fail')
  })

  it('passes pkce.method-omitted when the implied plain is refused and plain is forbidden', () => {
    const evidence = {
      pkceMethodOmitted: scenario({ authorization: { kind: 'error', error: 'invalid_request' } }),
      discovery: discovery(),
    }
    expect(kind(methodOmitted, evidence)).toBe('pass')
  })

  it('fails pkce.method-omitted when a challenge without method is silently treated as S256', () => {
    const evidence = { pkceMethodOmitted: scenario({ token: refused('invalid_grant') }), discovery: discovery() }
    expect(kind(methodOmitted, evidence, target({ pkce_plain: 'allow' }))).toBe('fail')
    expect(kind(methodOmitted, evidence)).toBe('fail')
  })

  it('fails pkce.method-omitted when the implied plain is accepted although plain is forbidden', () => {
    expect(
      kind(methodOmitted, { pkceMethodOmitted: scenario({ token: issued }), discovery: discovery(['S256']) }),
    ).toBe('fail')
  })

  it('passes pkce.method-omitted when the implied plain works and plain is allowed', () => {
    expect(
      kind(
        methodOmitted,
        { pkceMethodOmitted: scenario({ token: issued }), discovery: discovery() },
        target({ pkce_plain: 'allow' }),
      ),
    ).toBe('pass')
  })

  it('passes pkce.unknown-method on an invalid_request redirect and fails on another error (RFC 7636 §4.4.1)', () => {
    const error = (code: string) => ({
      pkceUnknownMethod: scenario({ authorization: { kind: 'error', error: code } }),
      discovery: discovery(),
    })
    expect(kind(unknownMethod, error('invalid_request'))).toBe('pass')
    expect(kind(unknownMethod, error('unsupported_response_type'))).toBe('fail')
  })

  it('warns in pkce.challenge-syntax on an unexpected code, since no spec names one', () => {
    const pkceChallengeSyntax = [scenario({ authorization: { kind: 'error', error: 'invalid_scope' } })]
    expect(kind(challengeSyntax, { pkceChallengeSyntax })).toBe('warn')
  })

  it('fails pkce.unknown-method when tokens are issued for S512, and warns when only a code is', () => {
    expect(kind(unknownMethod, { pkceUnknownMethod: scenario({ token: issued }), discovery: discovery() })).toBe('fail')
    expect(
      kind(unknownMethod, { pkceUnknownMethod: scenario({ token: refused('invalid_grant') }), discovery: discovery() }),
    ).toBe('warn')
  })

  it('passes pkce.verifier-syntax when every malformed verifier is refused', () => {
    const pkceVerifierSyntax = [
      scenario({ token: refused('invalid_request') }),
      scenario({ token: refused('invalid_grant') }),
    ]
    expect(kind(verifierSyntax, { pkceVerifierSyntax, discovery: discovery() })).toBe('pass')
  })

  it('fails pkce.verifier-syntax when one malformed verifier is accepted, naming it', () => {
    const pkceVerifierSyntax = [
      scenario({ label: 'pkce: code_verifier of 3 characters', token: refused('invalid_request') }),
      scenario({ label: 'pkce: code_verifier of 129 characters', token: issued }),
    ]
    const verdict = judge(verifierSyntax, { pkceVerifierSyntax, discovery: discovery() })
    expect(verdict.kind).toBe('fail')
    expect('message' in verdict ? verdict.message : '').toContain('129 characters')
  })

  it('passes pkce.challenge-syntax for a refusal at the authorization endpoint', () => {
    const pkceChallengeSyntax = [
      scenario({ authorization: { kind: 'error', error: 'invalid_request' } }),
      scenario({ authorization: { kind: 'page', status: 400 } }),
    ]
    expect(kind(challengeSyntax, { pkceChallengeSyntax })).toBe('pass')
  })

  it('warns on pkce.challenge-syntax when a code is issued for a malformed challenge and only the token endpoint refuses it', () => {
    const pkceChallengeSyntax = [
      scenario({ authorization: { kind: 'error', error: 'invalid_request' } }),
      scenario({ token: refused('invalid_grant') }),
    ]
    expect(kind(challengeSyntax, { pkceChallengeSyntax })).toBe('warn')
  })

  it('fails pkce.challenge-syntax when a code for a malformed challenge is redeemed', () => {
    expect(kind(challengeSyntax, { pkceChallengeSyntax: [scenario({ token: issued })] })).toBe('fail')
  })

  const withoutChallenge = (overrides: Partial<PkceWithoutChallengeEvidence>): PkceWithoutChallengeEvidence => ({
    confidential: scenario({ token: issued }),
    public: scenario({ clientId: 'public-1', authorization: { kind: 'error', error: 'invalid_request' } }),
    confidentialIsConfidential: true,
    ...overrides,
  })

  it('passes pkce.required-policy (with a note) when public clients must use PKCE and confidential ones need not', () => {
    expect(kind(requiredPolicy, { pkceWithoutChallenge: withoutChallenge({}), discovery: discovery() })).toBe('info')
  })

  it('fails pkce.required-policy when a public client obtains tokens without PKCE', () => {
    const evidence = withoutChallenge({ public: scenario({ clientId: 'public-1', token: issued }) })
    expect(kind(requiredPolicy, { pkceWithoutChallenge: evidence, discovery: discovery() })).toBe('fail')
  })

  it('fails pkce.required-policy for a confidential client when the policy requires PKCE of it', () => {
    const on = target({ require_pkce_for_confidential: true })
    expect(kind(requiredPolicy, { pkceWithoutChallenge: withoutChallenge({}), discovery: discovery() }, on)).toBe(
      'fail',
    )
    const strict = withoutChallenge({
      confidential: scenario({ authorization: { kind: 'error', error: 'invalid_request' } }),
    })
    expect(kind(requiredPolicy, { pkceWithoutChallenge: strict, discovery: discovery() }, on)).toBe('pass')
  })

  it('passes pkce.supported when PKCE is enforced and advertised', () => {
    expect(
      kind(supported, {
        pkceWrongVerifier: scenario({ token: refused('invalid_grant') }),
        discovery: discovery(['S256']),
      }),
    ).toBe('pass')
  })

  it('fails pkce.supported when the server ignores the verifier', () => {
    expect(kind(supported, { pkceWrongVerifier: scenario({ token: issued }), discovery: discovery(['S256']) })).toBe(
      'fail',
    )
  })

  it('fails pkce.supported when the advertised methods lack S256, and warns when none are advertised', () => {
    const enforced = scenario({ token: refused('invalid_grant') })
    expect(kind(supported, { pkceWrongVerifier: enforced, discovery: discovery(['plain']) })).toBe('fail')
    expect(kind(supported, { pkceWrongVerifier: enforced, discovery: discovery() })).toBe('warn')
  })
})
