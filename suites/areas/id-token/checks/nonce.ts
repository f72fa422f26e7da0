/** idt.nonce — OIDC Core §2, §3.1.2.1, §3.1.3.7 (11), §15.5.2. */
import { defineCheck, fail, pass, skip, warn } from '../../../harness/check.js'
import { NO_ID_TOKEN } from './common.js'

export default defineCheck({
  id: 'idt.nonce',
  title: 'nonce is echoed exactly when sent, and absent when not sent',
  area: 'id-token',
  level: 'MUST',
  spec: ['OIDCC-2', 'OIDCC-3.1.2.1', 'OIDCC-3.1.3.7', 'OIDCC-15.5.2'],
  needs: ['happyFlow', 'idTokenWithoutNonce'],
  coveredBy: { oidf: 'ValidateIdTokenNonce', oauch: 'IdTokens.NoncePresentInTokenTest' },
  evaluate: ({ happyFlow, idTokenWithoutNonce: without }) => {
    const claims = happyFlow.idToken?.claims
    if (!claims) return skip(NO_ID_TOKEN)
    const sent = happyFlow.attempt.request.nonce
    // OIDC Core §3.1.2.1: "If present in the Authentication Request, Authorization Servers MUST
    // include a nonce Claim in the ID Token with the Claim Value being the nonce value sent".
    if (sent !== undefined && claims.nonce !== sent)
      return fail('"nonce" is not the nonce sent in the authorization request', {
        expected: sent,
        actual: claims.nonce,
        exchanges: [happyFlow.token.exchange],
      })
    if ('refused' in without) {
      // OIDC Core §3.1.2.1: nonce is OPTIONAL in the authorization code flow.
      return warn(
        'an authorization request without "nonce" was refused, although "nonce" is OPTIONAL in the code flow',
        {
          actual: without.refused,
          exchanges: without.exchanges,
        },
      )
    }
    // A nonce nobody sent cannot be "the nonce value sent"; relying parties compare it to theirs.
    const unsent = without.idToken?.claims?.nonce
    if (unsent !== undefined)
      return fail('the ID token carries a "nonce" although the authorization request had none', {
        expected: undefined,
        actual: unsent,
        exchanges: without.exchanges.slice(-1),
      })
    return pass('echoed when sent, absent when not', {
      exchanges: [happyFlow.token.exchange, ...without.exchanges.slice(-1)],
    })
  },
})
