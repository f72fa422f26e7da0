import { defineCheck, info, pass } from '../../../harness/check.js'
import { describe, exchangesOf } from './judge.js'

export default defineCheck({
  id: 'authz.missing-openid-scope',
  title: 'A request without the openid scope gets no ID token',
  area: 'authorization',
  level: 'MAY',
  spec: ['OIDCC-3.1.2.1'],
  needs: ['authzMissingOpenid'],
  evaluate: ({ authzMissingOpenid: flow }) => {
    const exchanges = exchangesOf(flow)
    // OIDC Core §3.1.2.1: "If the openid scope value is not present, the behavior is entirely
    // unspecified." A plain OAuth 2.0 response (no ID token) or an error is what clients expect.
    if (!flow.code) return info(`refused: ${describe(flow.attempt.result)}`, { exchanges })
    if (flow.token?.body?.id_token !== undefined)
      return info('an ID token was issued although the request did not ask for the openid scope', {
        expected: 'no id_token',
        actual: Object.keys(flow.token.body),
        exchanges,
      })
    return pass('handled as plain OAuth 2.0: no ID token', { exchanges })
  },
})
