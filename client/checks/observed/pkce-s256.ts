/** PKCE with S256 (RFC 9700 §2.1.1, RFC 7636 §4.2). */
import { fail, pass } from '../../../suites/harness/check.js'
import type { ObservedCheck } from '../client-check.js'
import { param } from '../sign-in-profile.js'

export const pkceS256: ObservedCheck = {
  id: 'client.requests.pkce-s256',
  title: 'Uses PKCE with the S256 method',
  area: 'client-requests',
  kind: 'observed',
  level: 'SHOULD',
  spec: ['RFC9700-2.1.1', 'RFC7636-4.2'],
  rule: 'RFC 9700 §2.1.1: "Public clients MUST use PKCE … For confidential clients, the use of PKCE is RECOMMENDED"; "clients SHOULD use PKCE code challenge methods that do not expose the PKCE verifier", i.e. S256.',
  oidf: null,
  arming: { kind: 'none' },
  evaluate: ({ baseline }) => {
    const authorization = baseline.find((request) => request.endpoint === 'authorization')
    const token = baseline.find(
      (request) => request.endpoint === 'token' && param(request, 'grant_type') === 'authorization_code',
    )
    const challenge = param(authorization, 'code_challenge')
    const method = param(authorization, 'code_challenge_method') ?? (challenge ? 'plain' : undefined)
    if (challenge === undefined)
      return fail('the authorization request has no code_challenge', { expected: 'S256', actual: null })
    if (method !== 'S256')
      return fail(`code_challenge_method is "${method}", which exposes the verifier`, {
        expected: 'S256',
        actual: method,
      })
    if (param(token, 'code_verifier') === undefined)
      return fail('the token request has no code_verifier', { expected: 'code_verifier sent', actual: 'absent' })
    return pass('S256 challenge in the authorization request, code_verifier in the token request')
  },
}
