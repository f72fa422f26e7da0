/** The JWK Set is cached between sign-ins, and fetched again on a new kid (OIDC Core §10.1.1). */
import { info, pass, skip } from '../../../suites/harness/check.js'
import type { ObservedCheck } from '../client-check.js'

export const jwksCached: ObservedCheck = {
  id: 'client.keys.jwks-cached',
  title: 'Keeps the JWK Set between sign-ins instead of fetching it every time',
  area: 'client-keys',
  kind: 'observed',
  level: 'MAY',
  spec: ['OIDCC-10.1.1'],
  rule: 'OIDC Core §10.1.1: the verifier goes back to the jwks_uri "when it sees an unfamiliar kid value"; fetching it on every sign-in works, but costs a request per login and fails with the provider\'s JWK Set endpoint.',
  oidf: null,
  arming: { kind: 'none' },
  evaluate: ({ repeat }) => {
    if (repeat === undefined) return skip('the second normal sign-in did not run')
    const fetched = repeat.filter((request) => request.endpoint === 'jwks').length
    return fetched === 0
      ? pass('the second sign-in used the JWK Set of the first')
      : info(`the JWK Set was fetched again (${fetched}×) for a sign-in with a kid the client already knew`)
  },
}
