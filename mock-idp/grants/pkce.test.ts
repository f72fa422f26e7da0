import { describe, expect, it } from 'vitest'
import { checkVerifierSyntax, s256Challenge, verifyPkce } from './pkce.js'

// RFC 7636 Appendix B.
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'

const errorOf = (fn: () => void) => {
  try {
    fn()
  } catch (error) {
    return (error as { error: string }).error
  }
  return 'no error'
}

describe('PKCE verification', () => {
  it('derives the RFC 7636 Appendix B challenge from its verifier', () => {
    expect(s256Challenge(VERIFIER)).toBe(CHALLENGE)
  })

  it('accepts the Appendix B verifier for its S256 challenge', () => {
    expect(() => verifyPkce({ codeChallenge: CHALLENGE, codeChallengeMethod: 'S256' }, VERIFIER)).not.toThrow()
  })

  it('rejects a different well-formed verifier for an S256 challenge with invalid_grant', () => {
    const reversed = [...VERIFIER].reverse().join('')
    expect(errorOf(() => verifyPkce({ codeChallenge: CHALLENGE, codeChallengeMethod: 'S256' }, reversed))).toBe(
      'invalid_grant',
    )
  })

  it('rejects the S256 challenge itself sent as the verifier (plain downgrade)', () => {
    expect(errorOf(() => verifyPkce({ codeChallenge: CHALLENGE, codeChallengeMethod: 'S256' }, CHALLENGE))).toBe(
      'invalid_grant',
    )
  })

  it('rejects a missing verifier when a challenge was sent with invalid_grant', () => {
    expect(errorOf(() => verifyPkce({ codeChallenge: CHALLENGE, codeChallengeMethod: 'S256' }))).toBe('invalid_grant')
  })

  it('rejects a verifier when no challenge was sent (downgrade protection)', () => {
    expect(errorOf(() => verifyPkce({}, VERIFIER))).toBe('invalid_grant')
  })

  it('accepts no verifier when no challenge was sent', () => {
    expect(() => verifyPkce({})).not.toThrow()
  })

  it('compares a plain challenge with the verifier itself', () => {
    expect(() => verifyPkce({ codeChallenge: VERIFIER, codeChallengeMethod: 'plain' }, VERIFIER)).not.toThrow()
    expect(errorOf(() => verifyPkce({ codeChallenge: VERIFIER, codeChallengeMethod: 'plain' }, CHALLENGE))).toBe(
      'invalid_grant',
    )
  })

  it('treats a challenge without a method as plain (RFC 7636 §4.3)', () => {
    expect(() => verifyPkce({ codeChallenge: VERIFIER }, VERIFIER)).not.toThrow()
    expect(errorOf(() => verifyPkce({ codeChallenge: CHALLENGE }, VERIFIER))).toBe('invalid_grant')
  })

  it('rejects a code_verifier shorter than 43 characters with invalid_request', () => {
    expect(errorOf(() => checkVerifierSyntax('a'.repeat(42)))).toBe('invalid_request')
    expect(errorOf(() => checkVerifierSyntax('abc'))).toBe('invalid_request')
  })

  it('rejects a code_verifier longer than 128 characters with invalid_request', () => {
    expect(errorOf(() => checkVerifierSyntax('a'.repeat(129)))).toBe('invalid_request')
  })

  it('rejects a code_verifier with a character outside the unreserved set', () => {
    expect(errorOf(() => checkVerifierSyntax(`${'a'.repeat(42)}+`))).toBe('invalid_request')
    expect(errorOf(() => checkVerifierSyntax(`${'a'.repeat(42)}=`))).toBe('invalid_request')
  })

  it('accepts verifiers of exactly 43 and 128 unreserved characters', () => {
    expect(() => checkVerifierSyntax(`${'A-._~'.repeat(8)}abc`)).not.toThrow()
    expect(() => checkVerifierSyntax('z'.repeat(128))).not.toThrow()
  })
})

describe('PKCE verification with a rule waived (behaviours)', () => {
  const waiving = (rule: string) => ({ enforces: (name: string) => name !== rule })
  const s256 = { codeChallenge: CHALLENGE, codeChallengeMethod: 'S256' } as const

  it('still refuses a wrong verifier when another rule is waived', () => {
    expect(errorOf(() => verifyPkce(s256, CHALLENGE, waiving('pkce-verifier-required')))).toBe('invalid_grant')
  })

  it('accepts the S256 challenge itself as the verifier only with pkce-method-bound waived', () => {
    expect(errorOf(() => verifyPkce(s256, CHALLENGE))).toBe('invalid_grant')
    expect(errorOf(() => verifyPkce(s256, CHALLENGE, waiving('pkce-method-bound')))).toBe('no error')
  })

  it('refuses the correct verifier when S256 is computed in hex (pkce-s256-base64url waived)', () => {
    expect(errorOf(() => verifyPkce(s256, VERIFIER, waiving('pkce-s256-base64url')))).toBe('invalid_grant')
  })

  it('accepts a missing verifier, any verifier, or a verifier without challenge only with the matching rule waived', () => {
    expect(errorOf(() => verifyPkce(s256, undefined, waiving('pkce-verifier-required')))).toBe('no error')
    expect(errorOf(() => verifyPkce(s256, 'x'.repeat(43), waiving('pkce-verifier-matches')))).toBe('no error')
    expect(errorOf(() => verifyPkce({}, VERIFIER, waiving('pkce-downgrade-refused')))).toBe('no error')
  })
})
