/** MUST checks of this area no behaviour proves, each with the reason it cannot be simulated. */
export const discoveryAuthorization: Record<string, string> = {
  'authz.pkce-tolerated':
    'every flow of the suite sends an S256 code_challenge, so a server that refuses it cannot be driven at all: the run reports "could not drive the target" errors, never a failure of this check',
  'authz.redirect-uri-query-mismatch':
    'the self-check mock registers no redirect URI with a query component, so the check is skipped there (redirect-uri-query-ignored trips it for a client that registers one)',
  'authz.redirect-uri-query-preserved':
    'the self-check mock registers no redirect URI with a query component, so the check is skipped there and a behaviour dropping that query has nothing to drop',
}
