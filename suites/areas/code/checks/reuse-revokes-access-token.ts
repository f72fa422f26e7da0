import { defineCheck, fail, pass, skip } from '../../../harness/check.js'

export default defineCheck({
  id: 'code.reuse-revokes-access-token',
  title: 'After a code replay, the access token issued from that code no longer works',
  area: 'code',
  level: 'SHOULD',
  spec: ['RFC6749-4.1.2', 'RFC6749-10.5', 'RFC9700-4.2.4'],
  needs: ['codeReplay'],
  coveredBy: {
    oidf: 'oidcc-codereuse-30seconds (EnsureHttpStatusCodeIs4xx, WARN)',
    oauch: 'TokenEndpoint.TokenValidAfterMultiExchangeTest',
  },
  evaluate: ({ codeReplay }) => {
    const { userinfoBefore, userinfoAfter, replay } = codeReplay
    if (!userinfoBefore || !userinfoAfter) return skip('the server has no UserInfo endpoint to try the access token at')
    const exchanges = [userinfoBefore.exchange, replay.exchange, userinfoAfter.exchange]
    if (userinfoBefore.status !== 200)
      return skip(
        `the access token was refused at UserInfo (HTTP ${userinfoBefore.status}) even before the replay, so its revocation cannot be observed`,
      )
    // RFC 6749 §4.1.2: "If an authorization code is used more than once, the authorization server
    // MUST deny the request and SHOULD revoke (when possible) all tokens previously issued based on
    // that authorization code."
    if (userinfoAfter.status >= 200 && userinfoAfter.status < 300)
      return fail('the access token issued from the code still works at UserInfo after the code was replayed', {
        expected: 'HTTP 401 at UserInfo',
        actual: `HTTP ${userinfoAfter.status}`,
        exchanges,
      })
    return pass(undefined, { actual: `HTTP ${userinfoAfter.status} at UserInfo after the replay`, exchanges })
  },
})
