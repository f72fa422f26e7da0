import { defineCheck, fail, pass } from '../../../harness/check.js'
import { exchangesOf, summary } from './judge.js'

/** Parameters that would mean a token travelled in the front channel. */
const TOKEN_PARAMS = ['access_token', 'id_token', 'refresh_token', 'token_type']

export default defineCheck({
  id: 'authz.code-happy-path',
  title: 'A valid code request redirects back with a code (and state) in the query, no token in the front channel',
  area: 'authorization',
  level: 'MUST',
  spec: ['RFC6749-4.1.1', 'RFC6749-4.1.2', 'OIDCC-3.1.2.5'],
  needs: ['happyFlow'],
  coveredBy: {
    oidf: 'oidcc-server (CheckIfAuthorizationEndpointError, ExtractAuthorizationCodeFromAuthorizationResponse)',
    oauch: 'Features.CodeFlowSupportedTest',
  },
  evaluate: ({ happyFlow }) => {
    const { result, request } = happyFlow.attempt
    const exchanges = exchangesOf(happyFlow)
    if (result.kind !== 'callback') return fail('no redirect back to the client', { exchanges })
    const actual = summary(result)
    // RFC 6749 §4.1.2: "the authorization server issues an authorization code and delivers it to
    // the client by adding the following parameters to the query component of the redirection URI".
    if (result.mode !== 'query')
      return fail(`the code came back in the ${result.mode}, not in the query component`, {
        expected: 'query',
        actual,
        exchanges,
      })
    const leaked = result.allParams.map(([name]) => name).filter((name) => TOKEN_PARAMS.includes(name))
    if (leaked.length > 0)
      return fail(`tokens in the front channel: ${leaked.map((name) => `"${name}"`).join(', ')}`, {
        expected: 'code (and state, iss) only',
        actual,
        exchanges,
      })
    if (request.state !== undefined && result.params.state !== request.state)
      return fail('"state" was not returned unchanged', {
        expected: request.state,
        actual: result.params.state,
        exchanges,
      })
    return pass(`code returned with HTTP ${result.redirectStatus}`, { exchanges })
  },
})
