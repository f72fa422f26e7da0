/** logout.discovery — end_session_endpoint is published as an https URL (RP-Initiated Logout §2.1). */
import { defineCheck, fail, info, pass, skip } from '../../../harness/check.js'
import { LOOPBACK_NOTE, urlScheme } from '../../discovery/checks/url-rules.js'

export default defineCheck({
  id: 'logout.discovery',
  title: 'end_session_endpoint is published as an https URL',
  area: 'logout',
  level: 'MUST',
  spec: ['OIDCRPL-2.1'],
  needs: ['discovery'],
  coveredBy: { oidf: 'oidcc-rp-initiated-logout-discovery-endpoint-verification' },
  evaluate: ({ discovery }, { target }) => {
    const exchanges = discovery.exchange ? [discovery.exchange] : []
    const actual = discovery.metadata?.end_session_endpoint
    if (actual === undefined) {
      // §2.1: "end_session_endpoint REQUIRED. URL at the OP to which an RP can perform a redirect
      // to request that the End-User be logged out at the OP." — required of an OP that supports it.
      if (target.endpoints.end_session && discovery.metadata)
        return fail('"end_session_endpoint" is not published although the target file names one', {
          expected: target.endpoints.end_session,
          exchanges,
        })
      return skip('the server advertises no end_session_endpoint (RP-Initiated Logout is optional)')
    }
    // §2.1: "This URL MUST use the https scheme and MAY contain port, path, and query parameter components."
    // No fragment, whatever the scheme: the loopback exemption concerns TLS only.
    const scheme = urlScheme(actual)
    if (scheme.kind !== 'invalid' && scheme.url.hash !== '')
      return fail('"end_session_endpoint" has a fragment component', { actual, exchanges })
    if (scheme.kind === 'loopback-http')
      return info(`"end_session_endpoint" is ${LOOPBACK_NOTE}`, { actual, exchanges })
    if (scheme.kind !== 'https')
      return fail('"end_session_endpoint" is not an https URL', { expected: 'https URL', actual, exchanges })
    return pass(undefined, { actual, exchanges })
  },
})
