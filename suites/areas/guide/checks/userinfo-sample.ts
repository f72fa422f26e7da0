/** guide.userinfo-sample — the access token from the guide's token sample works at UserInfo (the guide; OIDC Core §5.3). */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'

export default defineCheck({
  id: 'guide.userinfo-sample',
  title: "The access token from the guide's token sample works at UserInfo",
  area: 'guide',
  level: 'MUST',
  spec: ['GUIDE', 'OIDCC-5.3.1', 'OIDCC-5.3.2'],
  needs: ['guideSamples'],
  evaluate: ({ guideSamples: e }) => {
    if (!e.token) return skip(e.tokenSkipped ?? 'the token sample did not run')
    if (typeof e.token.body?.access_token !== 'string') return skip('the token sample returned no access token')
    if (!e.userinfo) return skip('the server has no UserInfo endpoint')
    const exchanges = [e.userinfo.exchange]
    // OIDC Core §5.3.2: "The sub (subject) Claim MUST always be returned in the UserInfo Response."
    if (e.userinfo.status !== 200 || typeof e.userinfo.body?.sub !== 'string')
      return fail(`UserInfo answered HTTP ${e.userinfo.status} to the guide's access token`, {
        expected: '200 with "sub"',
        actual: e.userinfo.text.slice(0, 300),
        exchanges,
      })
    return pass(undefined, { actual: Object.keys(e.userinfo.body), exchanges })
  },
})
