/** After a key rotation the client fetched the JWK Set again (OIDC Core §10.1.1), observed on that sign-in. */
import { fail, info, pass, skip } from '../../../suites/harness/check.js'
import type { ObservedCheck } from '../client-check.js'

export const jwksRefetched: ObservedCheck = {
  id: 'client.keys.jwks-refetched-on-unknown-kid',
  title: 'Fetches the JWK Set again when an ID token names an unknown kid',
  area: 'client-keys',
  kind: 'observed',
  level: 'SHOULD',
  spec: ['OIDCC-10.1.1'],
  rule: 'OIDC Core §10.1.1: "The verifier knows to go back to the jwks_uri location to re-retrieve the keys when it sees an unfamiliar kid value."',
  oidf: 'rp-key-rotation-op-sign-key',
  arming: { kind: 'none' },
  evaluate: ({ afterRotation }) => {
    if (afterRotation === undefined) return skip('client.keys.rotation-followed did not run')
    const fetched = afterRotation.requests.filter((request) => request.endpoint === 'jwks').length
    if (fetched > 0) return pass(`the JWK Set was fetched ${fetched}× after the rotation`)
    // Signed in without the new key: the app does not verify signatures (allowed in the code flow,
    // OIDC Core §3.1.3.7 step 6), so there was no unknown kid for it to act on.
    return afterRotation.signedIn
      ? info(
          'the app signed the user in after the rotation without fetching the JWK Set: it relies on TLS, not the ID token signature (OIDC Core §3.1.3.7 step 6)',
        )
      : fail('the app never fetched the JWK Set after the rotation and refused the sign-in', {
          expected: 'a JWK Set request',
          actual: 'none',
        })
  },
}
