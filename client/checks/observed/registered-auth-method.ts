/** The token request authenticates with the registered method, and only with it (OIDC Core §9, RFC 6749 §2.3). */
import { fail, pass } from '../../../suites/harness/check.js'
import type { ObservedCheck } from '../client-check.js'
import { param } from '../sign-in-profile.js'

export const registeredAuthMethod: ObservedCheck = {
  id: 'client.requests.registered-auth-method',
  title: 'Authenticates at the token endpoint with the registered method only',
  area: 'client-requests',
  kind: 'observed',
  level: 'MUST',
  spec: ['OIDCC-9', 'RFC6749-2.3'],
  rule: 'OIDC Core §9: the client authenticates with the method it registered (token_endpoint_auth_method); RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each request."',
  oidf: 'rp-token_endpoint-client_secret_basic',
  arming: { kind: 'none' },
  evaluate: ({ baseline, registration }) => {
    const token = baseline.find(
      (request) => request.endpoint === 'token' && param(request, 'grant_type') === 'authorization_code',
    )
    if (!token)
      return fail('no token request was recorded in the sign-in', { expected: 'a code redemption', actual: null })
    const basic = /^basic\s/i.test(token.headers.authorization ?? '')
    const post = param(token, 'client_secret') !== undefined
    const used = [...(basic ? ['client_secret_basic'] : []), ...(post ? ['client_secret_post'] : [])]
    const method = used.length === 0 ? 'none' : used.join(' + ')
    if (method !== registration.token_endpoint_auth_method)
      return fail(`the token request used ${method}, not the registered ${registration.token_endpoint_auth_method}`, {
        expected: registration.token_endpoint_auth_method,
        actual: method,
      })
    if (registration.token_endpoint_auth_method === 'none' && param(token, 'client_id') !== registration.client_id)
      return fail('a public client must send its client_id in the token request', {
        expected: registration.client_id,
        actual: param(token, 'client_id') ?? null,
      })
    return pass(`authenticated with ${method}`)
  },
}
