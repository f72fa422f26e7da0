/** MUST checks of this area no behaviour proves, each with the reason it cannot be simulated. */
export const codeTokenPkce: Record<string, string> = {
  'code.expiry':
    'it waits 10½ minutes for a code to expire, only with policy.slow_checks, which the self-check does not set; its verdicts (a warning for a code accepted late, a failure for an expired code refused with another code than invalid_grant) are unit-tested',
  'token.scope-reported':
    'the mock refuses an unknown scope with invalid_scope, as RFC 6749 §3.3 allows, so the scenario ends before any token response; a server that ignores the scope and leaves "scope" out is only warned about, since the check cannot tell an ignored scope from a granted one',
  'token.client-secret-strength':
    'it judges the client secrets written in the target file, not anything the server does, and the mock runs on a loopback issuer, where short development secrets are only reported',
}
