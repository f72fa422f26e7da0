import { defineCheck, fail, info } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { AUTHORIZATION_UNSUPPORTED_RESPONSE_TYPE } from '../../../harness/error-code-sentences.js'
import { exchangesOf, judgeErrorResponse, summary } from './judge.js'

// §4.1.2.1: unsupported_response_type, or unauthorized_client ("The client is not authorized to
// request an authorization code using this method"); invalid_request ("an invalid parameter
// value") is defensible (OIDF-FAPI2 EnsureUnsupportedResponseTypeOrInvalidRequestError).
const tokenRefused = exactly(
  'response_type=token where the implicit grant is not offered',
  ['unsupported_response_type', 'unauthorized_client'],
  AUTHORIZATION_UNSUPPORTED_RESPONSE_TYPE,
  ['invalid_request'],
)

export default defineCheck({
  id: 'authz.response-type-token-disabled',
  title: 'response_type=token (implicit) is refused when not advertised; no token in the front channel',
  area: 'authorization',
  level: 'SHOULD',
  spec: ['RFC9700-2.1.2', 'RFC6749-4.1.2.1'],
  needs: ['authzResponseTypeToken'],
  errorCodes: [tokenRefused],
  coveredBy: {
    oidf: 'fapi2-…-ensure-response-type-token-fails (EnsureUnsupportedResponseTypeOrInvalidRequestError, RejectAuthCodeInUrlFragment)',
    oauch: 'Features.TokenFlowSupportedTest',
  },
  evaluate: ({ authzResponseTypeToken: scenario }) => {
    const { result } = scenario.attempt
    const exchanges = exchangesOf(scenario)
    // RFC 9700 §2.1.2: "the implicit grant (response type "token") and other response types
    // causing the authorization server to issue access tokens in the authorization response are
    // vulnerable to access token leakage and access token replay … clients SHOULD NOT use the implicit grant".
    if (scenario.advertised?.includes('token'))
      return info(
        '"response_types_supported" advertises "token": the implicit grant is enabled (RFC 9700 §2.1.2 deprecates it)',
        {
          actual: scenario.advertised,
          exchanges,
        },
      )
    if (result.kind === 'callback' && result.params.access_token !== undefined)
      return fail('an access token was issued in the front channel for response_type=token, which is not advertised', {
        expected: 'unsupported_response_type or unauthorized_client',
        actual: summary(result),
        exchanges,
      })
    return judgeErrorResponse(scenario, '"response_type" was "token"', tokenRefused)
  },
})
