import { defineCheck, fail, pass } from '../../../harness/check.js'
import { describe, summary } from './judge.js'

export default defineCheck({
  id: 'authz.consent-public-client',
  title: 'A public client in a fresh session gets no code without user interaction',
  area: 'authorization',
  level: 'SHOULD',
  spec: ['RFC6749-10.2', 'RFC6819-5.2.3.2'],
  needs: ['authzConsentPublicClient'],
  coveredBy: { oauch: 'AuthEndpoint.RequireUserConsentTest (timing heuristic)' },
  evaluate: ({ authzConsentPublicClient: flow }) => {
    const { result } = flow.attempt
    // RFC 6749 §10.2: "The authorization server SHOULD NOT process repeated authorization
    // requests automatically (without active resource owner interaction) without authenticating
    // the client or relying on other measures to ensure that the repeated request comes from the
    // original client and not an impersonator."
    if (result.kind !== 'callback' || result.params.code === undefined)
      return pass(`no code without interaction: ${describe(result)}`, { exchanges: result.exchanges })
    if (result.sawLogin || result.sawConsent)
      return pass(
        `the user was asked (${[result.sawLogin && 'login', result.sawConsent && 'consent'].filter(Boolean).join(' and ')}) before the code was issued`,
        {
          exchanges: result.exchanges,
        },
      )
    return fail('a code was issued to the public client without any login or consent page', {
      expected: 'a login or consent page first',
      actual: summary(result),
      exchanges: result.exchanges,
    })
  },
})
