/**
 * disc.pkce-methods — code_challenge_methods_supported is an array with "S256", and without
 * "plain" when the target's policy forbids it (RFC 8414 §2, RFC 9700 §2.1.1, RFC 7636 §4.2).
 */
import { defineCheck, fail, info, pass, skip } from '../../../harness/check.js'

export default defineCheck({
  id: 'disc.pkce-methods',
  title: 'code_challenge_methods_supported advertises S256 (and not plain when plain is forbidden)',
  area: 'discovery',
  level: 'SHOULD',
  spec: ['RFC8414-2', 'RFC9700-2.1.1', 'RFC7636-4.2'],
  needs: ['discovery'],
  coveredBy: { oidf: 'EnsureServerConfigurationCodeChallengeMethodsSupportedIsAnArray (type only)' },
  evaluate: ({ discovery }, { target }) => {
    const { metadata } = discovery
    if (!metadata || !discovery.exchange) return skip('no discovery document to judge')
    const exchanges = [discovery.exchange]
    const actual = metadata.code_challenge_methods_supported
    if (actual === undefined) {
      // RFC 8414 §2: "If omitted, the authorization server does not support PKCE." RFC 9700 §2.1.1:
      // authorization servers "MUST provide a way to detect their support for PKCE" and it is
      // RECOMMENDED to publish code_challenge_methods_supported.
      const message = '"code_challenge_methods_supported" is not published, which says PKCE is not supported'
      return target.policy.profile === 'rfc6749' ? info(message, { exchanges }) : fail(message, { exchanges })
    }
    if (!Array.isArray(actual))
      return fail('"code_challenge_methods_supported" is not a JSON array', { actual, exchanges })
    // RFC 7636 §4.2: "If the client is capable of using "S256", it MUST use "S256"" — so the server must offer it.
    if (!actual.includes('S256'))
      return fail('"code_challenge_methods_supported" does not contain "S256"', {
        expected: 'contains "S256"',
        actual,
        exchanges,
      })
    if (actual.includes('plain') && target.policy.pkce_plain === 'forbid')
      return fail(
        '"code_challenge_methods_supported" advertises "plain", which the target\'s policy forbids (RFC 9700 §2.1.1)',
        {
          expected: ['S256'],
          actual,
          exchanges,
        },
      )
    return pass(undefined, { actual, exchanges })
  },
})
