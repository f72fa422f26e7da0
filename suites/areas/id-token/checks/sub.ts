/** idt.sub — OIDC Core §2, §5.3.2. */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { NO_ID_TOKEN } from './common.js'

export default defineCheck({
  id: 'idt.sub',
  title: 'sub is at most 255 ASCII characters, stable across logins, and equal to the UserInfo sub',
  area: 'id-token',
  level: 'MUST',
  spec: ['OIDCC-2', 'OIDCC-5.3.2'],
  needs: ['happyFlow', 'idTokenFlow'],
  coveredBy: {
    oidf: 'CheckForSubjectInIdToken, CheckIdTokenSubConsistentForSecondAuthorization, VerifyUserInfoAndIdTokenInTokenEndpointSameSub',
    oauch: 'IdTokens.HasRequiredClaimsTest (presence)',
  },
  evaluate: ({ happyFlow, idTokenFlow }) => {
    const sub = happyFlow.idToken?.claims?.sub
    if (!happyFlow.idToken?.claims) return skip(NO_ID_TOKEN)
    const exchanges = [happyFlow.token.exchange]
    // OIDC Core §2: sub "REQUIRED. Subject Identifier. A locally unique and never reassigned
    // identifier within the Issuer for the End-User [...] It MUST NOT exceed 255 ASCII characters
    // in length. The sub value is a case-sensitive string."
    if (typeof sub !== 'string' || sub.length === 0)
      return fail('"sub" is missing or not a string', { actual: sub, exchanges })
    if (sub.length > 255 || !/^[\x20-\x7e]+$/.test(sub))
      return fail('"sub" exceeds 255 ASCII characters or contains non-printable or non-ASCII characters', {
        actual: sub,
        exchanges,
      })
    const second = idTokenFlow.idToken?.claims?.sub
    if (second !== undefined && second !== sub)
      return fail('"sub" changed between two logins of the same user with the same client ("never reassigned")', {
        expected: sub,
        actual: second,
        exchanges: [...exchanges, ...idTokenFlow.exchanges.slice(-1)],
      })
    // OIDC Core §5.3.2: "The sub Claim in the UserInfo Response MUST be verified to exactly match
    // the sub Claim in the ID Token".
    const userinfo = happyFlow.userinfo
    if (userinfo?.status === 200 && userinfo.body && userinfo.body.sub !== sub)
      return fail('the UserInfo "sub" differs from the ID token "sub"', {
        expected: sub,
        actual: userinfo.body.sub,
        exchanges: [...exchanges, userinfo.exchange],
      })
    return pass(undefined, { exchanges })
  },
})
