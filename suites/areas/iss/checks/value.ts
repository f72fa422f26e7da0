/** iss.value — `iss` in an authorization response, when present, is exactly the issuer (RFC 9207 §2, §2.4). */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { authorizationResponses } from './responses.js'

export default defineCheck({
  id: 'iss.value',
  title: '"iss" in the authorization response, when present, equals the issuer exactly',
  area: 'iss',
  level: 'MUST',
  spec: ['RFC9207-2', 'RFC9207-2.4'],
  needs: ['happyFlow', 'issErrorRedirect'],
  coveredBy: { oidf: 'ValidateIssIfPresentInAuthorizationResponse' },
  evaluate: ({ happyFlow, issErrorRedirect }, { target }) => {
    const responses = authorizationResponses(happyFlow, issErrorRedirect).filter(
      (response) => response.iss !== undefined,
    )
    if (responses.length === 0) return skip('no authorization response carried "iss"')
    const exchanges = responses.flatMap((response) => response.exchanges)
    // RFC 9207 §2: "The iss parameter value is the issuer identifier of the authorization server
    // that created the authorization response"; §2.4: clients compare it with the issuer "using
    // simple string comparison", so any difference (even a trailing "/") breaks them.
    const wrong = responses.filter((response) => response.iss !== target.issuer)
    if (wrong.length > 0)
      return fail(`"iss" in the ${wrong.map((response) => response.what).join(' and ')} is not the issuer`, {
        expected: target.issuer,
        actual: Object.fromEntries(wrong.map((response) => [response.what, response.iss])),
        exchanges,
      })
    return pass(undefined, { actual: target.issuer, exchanges })
  },
})
