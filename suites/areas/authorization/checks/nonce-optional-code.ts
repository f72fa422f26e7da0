import { defineCheck, fail, pass } from '../../../harness/check.js'
import { describe, exchangesOf, summary } from './judge.js'

export default defineCheck({
  id: 'authz.nonce-optional-code',
  title: 'The code flow works without nonce, and the ID token then has no nonce',
  area: 'authorization',
  level: 'MUST',
  spec: ['OIDCC-3.1.2.1', 'OIDCC-15.5.2'],
  needs: ['authzNonceOptional'],
  coveredBy: { oidf: 'oidcc-ensure-request-without-nonce-succeeds-for-code-flow (ValidateIdTokenNonce)' },
  evaluate: ({ authzNonceOptional: flow }) => {
    const exchanges = exchangesOf(flow)
    // OIDC Core §3.1.2.1: "nonce OPTIONAL" (it is REQUIRED only for the implicit flow, §3.2.2.1).
    if (!flow.code)
      return fail(`a request without nonce was refused: ${describe(flow.attempt.result)}`, {
        expected: 'a code',
        actual: summary(flow.attempt.result),
        exchanges,
      })
    if (flow.token?.status !== 200)
      return fail(`the code of a request without nonce could not be redeemed (HTTP ${flow.token?.status})`, {
        exchanges,
      })
    const claims = flow.idToken?.claims
    // OIDC Core §2: nonce "If present in the Authentication Request, Authorization Servers MUST
    // include a nonce Claim in the ID Token" — and there is nothing to include when none was sent.
    if (claims && claims.nonce !== undefined)
      return fail('the ID token has a "nonce" although the request sent none', {
        expected: undefined,
        actual: claims.nonce,
        exchanges,
      })
    return pass('code flow without nonce succeeded; no nonce in the ID token', { exchanges })
  },
})
