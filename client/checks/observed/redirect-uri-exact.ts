/** redirect_uri: a registered one, exactly, and the same in the token request (OIDC Core §3.1.2.1, RFC 6749 §4.1.3). */
import { fail, pass } from '../../../suites/harness/check.js'
import type { ObservedCheck } from '../client-check.js'
import { param } from '../sign-in-profile.js'

export const redirectUriExact: ObservedCheck = {
  id: 'client.requests.redirect-uri-exact',
  title: 'Sends a registered redirect_uri exactly, and the same one when it redeems the code',
  area: 'client-requests',
  kind: 'observed',
  level: 'MUST',
  spec: ['OIDCC-3.1.2.1', 'RFC6749-4.1.3'],
  rule: 'OIDC Core §3.1.2.1: redirect_uri is REQUIRED and "MUST exactly match one of the Redirection URI values for the Client pre-registered"; RFC 6749 §4.1.3: the token request repeats it, "their values MUST be identical".',
  oidf: null,
  arming: { kind: 'none' },
  evaluate: ({ baseline, registration }) => {
    const sent = param(
      baseline.find((request) => request.endpoint === 'authorization'),
      'redirect_uri',
    )
    const redeemed = param(
      baseline.find((request) => request.endpoint === 'token' && param(request, 'grant_type') === 'authorization_code'),
      'redirect_uri',
    )
    if (sent === undefined)
      return fail('the authorization request has no redirect_uri', {
        expected: registration.redirect_uris,
        actual: null,
      })
    if (!registration.redirect_uris.includes(sent))
      return fail('redirect_uri is not one of the registered values, character for character', {
        expected: registration.redirect_uris,
        actual: sent,
      })
    if (redeemed !== sent)
      return fail('the token request does not repeat the redirect_uri of the authorization request', {
        expected: sent,
        actual: redeemed ?? null,
      })
    return pass(`redirect_uri ${sent}, repeated when the code was redeemed`)
  },
}
