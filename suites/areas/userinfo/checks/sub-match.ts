/** ui.sub-match — OIDC Core §5.3.2. */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'

export default defineCheck({
  id: 'ui.sub-match',
  title: 'The UserInfo sub equals the ID token sub',
  area: 'userinfo',
  level: 'MUST',
  spec: ['OIDCC-5.3.2'],
  needs: ['userinfoProbes'],
  coveredBy: { oidf: 'VerifyUserInfoAndIdTokenInTokenEndpointSameSub' },
  evaluate: ({ userinfoProbes: { get, idTokenSub } }) => {
    if (idTokenSub === undefined) return skip('the flow returned no ID token (judged by idt.jws-verifiable)')
    if (get.status !== 200 || !get.body) return skip('UserInfo returned no claims (judged by ui.get-header)')
    // OIDC Core §5.3.2: "The sub Claim in the UserInfo Response MUST be verified to exactly match
    // the sub Claim in the ID Token; if they do not match, the UserInfo Response values MUST NOT be used."
    if (get.body.sub !== idTokenSub)
      return fail('the UserInfo "sub" differs from the ID token "sub"', {
        expected: idTokenSub,
        actual: get.body.sub,
        exchanges: [get.exchange],
      })
    return pass(undefined, { exchanges: [get.exchange] })
  },
})
