/** disc.authz-endpoint-no-fragment — the authorization and token endpoint URLs have no fragment (RFC 6749 §3.1, §3.2). */
import { defineCheck, fail, pass } from '../../../harness/check.js'

export default defineCheck({
  id: 'disc.authz-endpoint-no-fragment',
  title: 'The authorization endpoint URL has no fragment component',
  area: 'discovery',
  level: 'MUST',
  spec: ['RFC6749-3.1', 'RFC6749-3.2'],
  needs: ['discovery'],
  coveredBy: { oauch: 'AuthEndpoint.HasFragmentTest' },
  evaluate: ({ discovery }) => {
    const exchanges = discovery.exchange ? [discovery.exchange] : []
    const { authorization, token } = discovery.endpoints
    // RFC 6749 §3.1: "The endpoint URI MAY include an "application/x-www-form-urlencoded" formatted
    // … query component …, which MUST be retained when adding additional query parameters. The
    // endpoint URI MUST NOT include a fragment component." (§3.2 says the same of the token endpoint.)
    const withFragment = Object.entries({ authorization_endpoint: authorization, token_endpoint: token }).filter(
      ([, url]) => url.includes('#'),
    )
    if (withFragment.length > 0)
      return fail(`${withFragment.map(([name]) => `"${name}"`).join(' and ')} include a fragment component`, {
        expected: 'no "#fragment"',
        actual: Object.fromEntries(withFragment),
        exchanges,
      })
    return pass(undefined, { exchanges })
  },
})
