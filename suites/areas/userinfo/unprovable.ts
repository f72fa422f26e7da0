/**
 * MUST checks of this area that no behaviour of the mock IdP proves, each with the reason it
 * cannot be simulated; the self-check (test/self-check/) holds every other MUST check to a behaviour.
 */
export const userinfoUnprovable: Readonly<Record<string, string>> = {
  'ui.jwt-at-alg-none':
    'the self-check runs the mock with its default opaque access tokens, so the check has no JWT to forge and skips; with tokens.accessTokenFormat "jwt" the mock looks every token up by its exact value, so accepting a re-signed one would take a second token-validation path that exists only to be wrong',
}
