/**
 * PKCE verification at the token endpoint (RFC 7636 §4.5, §4.6; RFC 9700 §2.1.1).
 *
 * A malformed verifier is a malformed request (invalid_request, checked before the code is
 * touched); every way the verifier fails to prove possession of the code is invalid_grant.
 */
import { createHash } from 'node:crypto'
import { ENFORCE_ALL, type RuleSet } from '../behaviours/rules.js'
import { secretMatches } from '../client-auth/secret-matches.js'
import { InvalidGrant, InvalidRequest } from '../errors.js'
import type { CodeRecord } from '../store/records.js'

/**
 * RFC 7636 §4.1: code-verifier = 43*128unreserved, unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~".
 */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/

export function checkVerifierSyntax(verifier: string): void {
  if (!VERIFIER.test(verifier)) {
    throw new InvalidRequest(
      `"code_verifier" must be 43 to 128 characters of [A-Z] [a-z] [0-9] "-" "." "_" "~" (RFC 7636 §4.1); got ${verifier.length} characters`,
    )
  }
}

/** RFC 7636 §4.2: S256 is BASE64URL-ENCODE(SHA256(ASCII(code_verifier))). */
export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url')
}

export function verifyPkce(
  code: Pick<CodeRecord, 'codeChallenge' | 'codeChallengeMethod'>,
  verifier?: string,
  rules: RuleSet = ENFORCE_ALL,
): void {
  if (code.codeChallenge === undefined) {
    // RFC 9700 §2.1.1: authorization servers "MUST mitigate PKCE Downgrade Attacks by ensuring that
    // a token request containing a code_verifier parameter is accepted only if a code_challenge
    // parameter was present in the authorization request".
    if (verifier !== undefined && rules.enforces('pkce-downgrade-refused')) {
      throw new InvalidGrant(
        '"code_verifier" was sent but the authorization request had no "code_challenge" (PKCE downgrade protection, RFC 9700 §2.1.1)',
      )
    }
    return
  }
  // RFC 7636 §4.4: a server that received a challenge "MUST … verify it" at the token endpoint;
  // without a verifier there is nothing to verify, so the code cannot be redeemed.
  if (verifier === undefined) {
    if (!rules.enforces('pkce-verifier-required')) return
    throw new InvalidGrant(
      '"code_verifier" is missing but the authorization request had a "code_challenge" (RFC 7636 §4.5)',
    )
  }
  if (!rules.enforces('pkce-verifier-matches')) return
  // RFC 7636 §4.3: "Defaults to "plain" if not present in the request."
  const method = code.codeChallengeMethod ?? 'plain'
  const expected =
    method !== 'S256' ? verifier : rules.enforces('pkce-s256-base64url') ? s256Challenge(verifier) : hexS256(verifier)
  // RFC 7636 §4.6: the verifier is transformed with the method of the authorization request; a
  // server that also compares it untransformed lets the S256 challenge itself pass (RFC 7636 §7.2).
  if (!rules.enforces('pkce-method-bound') && secretMatches(verifier, code.codeChallenge)) return
  // RFC 7636 §4.6: "If the values are not equal, an error response indicating "invalid_grant" as
  // described in Section 5.2 of [RFC6749] MUST be returned."
  if (!secretMatches(expected, code.codeChallenge)) {
    throw new InvalidGrant(
      `"code_verifier" does not match the "code_challenge" of the authorization request (method ${method}, RFC 7636 §4.6)`,
    )
  }
}

/** SHA-256 in hex instead of base64url: a wrong S256 (only with `pkce-s256-base64url` waived). */
function hexS256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('hex')
}
