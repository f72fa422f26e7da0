/** MUST checks of this area no behaviour proves, each with the reason it cannot be simulated. */
export const discoveryAuthorization: Record<string, string> = {
  'authz.pkce-tolerated':
    'every flow of the suite sends an S256 code_challenge, so a server that refuses it cannot be driven at all: the run reports "could not drive the target" errors, never a failure of this check',
}
