/**
 * MUST checks of this area that no behaviour of the mock IdP proves, each with the reason it
 * cannot be simulated; the self-check (test/self-check/) holds every other MUST check to a behaviour.
 */
export const tokenUnprovable: Readonly<Record<string, string>> = {
  'token.scope-reported':
    'the mock refuses an unknown scope with invalid_scope, as RFC 6749 §3.3 allows, so the scenario ends before any token response; a server that ignores the scope and leaves "scope" out is only warned about, since the check cannot tell an ignored scope from a granted one',
  'token.client-secret-strength':
    'it judges the client secrets written in the target file, not anything the server does, and the mock runs on a loopback issuer, where short development secrets are only reported',
}
