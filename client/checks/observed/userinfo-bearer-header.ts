/** UserInfo with the access token in the Authorization header (RFC 6750 §2.1; OIDC Core §5.3.1). */
import { fail, pass, skip } from '../../../suites/harness/check.js'
import type { ObservedCheck } from '../client-check.js'

export const userInfoBearerHeader: ObservedCheck = {
  id: 'client.requests.userinfo-bearer-header',
  title: 'Calls UserInfo with the access token in the Authorization header',
  area: 'client-requests',
  kind: 'observed',
  level: 'SHOULD',
  spec: ['RFC6750-2.1', 'OIDCC-5.3.1'],
  rule: 'RFC 6750 §2: "Clients SHOULD make authenticated requests with a bearer token using the Authorization request header field with the Bearer HTTP authorization scheme."',
  oidf: 'rp-userinfo-bearer-header',
  arming: { kind: 'none' },
  evaluate: ({ baseline }) => {
    const calls = baseline.filter((request) => request.endpoint === 'userinfo')
    if (calls.length === 0) return skip('the client does not call the UserInfo endpoint when it signs in')
    const without = calls.filter((request) => !/^bearer\s/i.test(request.headers.authorization ?? ''))
    return without.length === 0
      ? pass('every UserInfo request carries "Authorization: Bearer …"')
      : fail('a UserInfo request carries the access token elsewhere than the Authorization header', {
          expected: 'Authorization: Bearer',
          actual: without.map(
            (request) =>
              `${request.method} ${request.headers.authorization ? 'with another scheme' : 'without Authorization'}`,
          ),
        })
  },
}
