/** The authorization request binds the response to the browser: state, PKCE or nonce (RFC 6749 §10.12, RFC 9700 §2.1). */
import { fail, pass } from '../../../suites/harness/check.js'
import type { ObservedCheck } from '../client-check.js'
import { param } from '../sign-in-profile.js'

export const csrfProtection: ObservedCheck = {
  id: 'client.requests.csrf-protection',
  title: 'Binds the authorization response to the browser (state, PKCE or nonce)',
  area: 'client-requests',
  kind: 'observed',
  level: 'MUST',
  spec: ['RFC6749-10.12', 'RFC9700-2.1'],
  rule: 'RFC 6749 §10.12: "The client MUST implement CSRF protection for its redirection URI"; RFC 9700 §2.1: PKCE, or a one-time state, or an OpenID Connect nonce provide it.',
  oidf: null,
  arming: { kind: 'none' },
  evaluate: ({ baseline }) => {
    const authorization = baseline.find((request) => request.endpoint === 'authorization')
    const used = ['state', 'code_challenge', 'nonce'].filter((name) => param(authorization, name) !== undefined)
    return used.length > 0
      ? pass(`the authorization request carries ${used.join(', ')}`)
      : fail(
          'the authorization request carries neither state, nor code_challenge, nor nonce: its response can be forged (CSRF)',
          {
            expected: 'state, code_challenge or nonce',
            actual: authorization?.params.map(([name]) => name) ?? [],
          },
        )
  },
}
