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
