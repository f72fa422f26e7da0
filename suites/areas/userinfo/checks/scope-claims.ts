/** ui.scope-claims — OIDC Core §5.4 (the claims each scope requests). */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { SCOPE_CLAIMS } from '../../id-token/checks/common.js'
import { canonical } from './challenge.js'

export default defineCheck({
  id: 'ui.scope-claims',
  title: 'UserInfo returns the claims of the granted profile, email, address and phone scopes',
  area: 'userinfo',
  level: 'SHOULD',
  spec: ['OIDCC-5.4', 'OIDCC-5.3.2'],
  needs: ['userinfoProbes'],
  dependsOnSetup:
    'the scope the token was granted and the claims the target file expects for the first user (users[0].claims): a value other than expected is a warning naming the claim',
  coveredBy: {
    oidf: 'oidcc-scope-profile/-email/-address/-phone/-all (VerifyScopesReturnedInUserInfoClaims WARN)',
  },
  evaluate: ({ userinfoProbes: { get, requestedScope, grantedScope } }, { target }) => {
    if (get.status !== 200 || !get.body) return skip('UserInfo returned no claims (judged by ui.get-header)')
    const body = get.body
    const granted = (grantedScope ?? requestedScope).split(' ')
    const scopes = Object.keys(SCOPE_CLAIMS).filter((scope) => granted.includes(scope))
    if (scopes.length === 0)
      return skip(`none of profile, email, address, phone was granted (scope "${grantedScope ?? requestedScope}")`)
    const expectedClaims = target.users[0]?.claims ?? {}
    const problems: string[] = []
    const expected: Record<string, unknown> = {}
    const actual: Record<string, unknown> = {}
    // OIDC Core §5.4: "profile OPTIONAL. This scope value requests access to the End-User's
    // default profile Claims", and likewise email, address, phone.
    for (const scope of scopes) {
      const known = SCOPE_CLAIMS[scope]!.filter((claim) => claim in expectedClaims)
      if (known.length === 0) {
        if (!SCOPE_CLAIMS[scope]!.some((claim) => claim in body))
          problems.push(`no claim of scope "${scope}" was returned`)
        continue
      }
      for (const claim of known) {
        if (!(claim in body)) problems.push(`"${claim}" (scope "${scope}") is missing`)
        else if (canonical(body[claim]) !== canonical(expectedClaims[claim]))
          problems.push(`"${claim}" differs from the target file's value`)
        else continue
        expected[claim] = expectedClaims[claim]
        actual[claim] = body[claim]
      }
    }
    if (problems.length > 0) return fail(problems.join('; '), { expected, actual, exchanges: [get.exchange] })
    return pass(`the claims of ${scopes.join(', ')} are returned`, { exchanges: [get.exchange] })
  },
})
