/** An OpenID Connect code-flow request: response_type=code and scope with openid (OIDC Core §3.1.2.1). */
import { fail, pass } from '../../../suites/harness/check.js'
import type { ObservedCheck } from '../client-check.js'
import { param } from '../sign-in-profile.js'

export const responseTypeCode: ObservedCheck = {
  id: 'client.requests.response-type-code',
  title: 'Sends an OpenID Connect authorization-code request (response_type=code, scope openid)',
  area: 'client-requests',
  kind: 'observed',
  level: 'MUST',
  spec: ['OIDCC-3.1.2.1'],
  rule: 'OIDC Core §3.1.2.1: scope "REQUIRED. OpenID Connect requests MUST contain the openid scope value"; response_type is "code" for the Authorization Code Flow.',
  oidf: 'rp-response_type-code',
  arming: { kind: 'none' },
  evaluate: ({ baseline }) => {
    const authorization = baseline.find((request) => request.endpoint === 'authorization')
    const responseType = param(authorization, 'response_type')
    const scope = param(authorization, 'scope')?.split(' ') ?? []
    if (responseType !== 'code')
      return fail(`response_type is ${JSON.stringify(responseType ?? null)}`, {
        expected: 'code',
        actual: responseType ?? null,
      })
    if (!scope.includes('openid'))
      return fail('scope does not contain "openid"', { expected: 'openid', actual: scope.join(' ') })
    return pass('response_type=code, scope contains openid')
  },
}
