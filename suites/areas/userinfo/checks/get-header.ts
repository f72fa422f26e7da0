/** ui.get-header — OIDC Core §5.3.1–5.3.2, §5.1 (claim types); RFC 6750 §2.1. */
import { defineCheck, fail, pass } from '../../../harness/check.js'
import { mistypedClaimsFailure } from '../../id-token/checks/standard-claim-types.js'
import { describe } from './challenge.js'

export default defineCheck({
  id: 'ui.get-header',
  title: 'GET with the bearer token in the Authorization header returns the claims as JSON with sub',
  area: 'userinfo',
  level: 'MUST',
  spec: ['OIDCC-5.3.1', 'OIDCC-5.3.2', 'RFC6750-2.1', 'OIDCC-5.1'],
  needs: ['userinfoProbes'],
  coveredBy: {
    oidf: 'oidcc-userinfo-get (EnsureHttpStatusCodeIs200, EnsureContentTypeJson, EnsureUserInfoContainsSub, ValidateUserInfoStandardClaims, EnsureUserInfoUpdatedAtValid)',
    oauch: 'ApiEndpoint.SupportsAuthorizationHeaderTest',
  },
  evaluate: ({ userinfoProbes: { get } }) => {
    const exchanges = [get.exchange]
    if (get.status !== 200)
      return fail(`UserInfo answered HTTP ${get.status} to a valid bearer token`, {
        expected: 200,
        actual: describe(get),
        exchanges,
      })
    // OIDC Core §5.3.2: "The UserInfo Claims MUST be returned as the members of a JSON object
    // unless a signed or encrypted response was requested during Client Registration." The suite's
    // clients register neither.
    if (get.contentType !== 'application/json')
      return fail('the UserInfo response is not application/json', {
        expected: 'application/json',
        actual: get.contentType,
        exchanges,
      })
    if (!get.body) return fail('the UserInfo response is not a JSON object', { exchanges })
    // OIDC Core §5.3.2: "The sub (subject) Claim MUST always be returned in the UserInfo Response."
    if (typeof get.body.sub !== 'string' || get.body.sub === '')
      return fail('the UserInfo response has no "sub"', { actual: get.body.sub, exchanges })
    // OIDC Core §5.1: the standard claims' JSON types.
    return mistypedClaimsFailure(get.body, exchanges) ?? pass(undefined, { exchanges })
  },
})
