/**
 * MUST checks of this area that no behaviour of the mock IdP proves, each with the reason it
 * cannot be simulated; the self-check (test/self-check/) holds every other MUST check to a behaviour.
 */
export const authorizationUnprovable: Readonly<Record<string, string>> = {
  'authz.pkce-tolerated':
    'every flow of the suite sends an S256 code_challenge, so a server that refuses it cannot be driven at all: the run reports "could not drive the target" errors, never a failure of this check',
}
