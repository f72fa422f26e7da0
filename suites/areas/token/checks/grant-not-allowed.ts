import { defineCheck, fail, info, pass } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { describeCall, judgeRejection, tokensIssued } from './token-errors.js'

// RFC 6749 §5.2 has two codes for a grant type this client may not use — the server does not
// support it (unsupported_grant_type) or not for this client (unauthorized_client); either will
// do, and invalid_request explicitly excludes the grant type.
const notAllowed = exactly(
  'grant_type=password or client_credentials the server does not allow',
  ['unsupported_grant_type', 'unauthorized_client'],
  {
    spec: 'RFC6749-5.2',
    quote:
      'unauthorized_client: The authenticated client is not authorized to use this authorization grant type. unsupported_grant_type: The authorization grant type is not supported by the authorization server.',
  },
)

export default defineCheck({
  id: 'token.grant-not-allowed',
  title: 'The password grant is disabled and grants the client is not registered for are refused',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-5.2', 'RFC9700-2.4'],
  needs: ['tokenGrantErrors'],
  errorCodes: [notAllowed],
  dependsOnSetup:
    'whether the client is registered for client_credentials, which the target file does not state: tokens for it are reported, not failed',
  coveredBy: {
    oauch:
      'Features.PasswordFlowSupportedTest, TokenEndpoint.IsPasswordFlowDisabledTest, TokenEndpoint.RefreshTokenPresentTest',
  },
  evaluate: ({ tokenGrantErrors }) => {
    const { password, clientCredentials } = tokenGrantErrors
    const exchanges = [password.exchange, clientCredentials.exchange]
    // RFC 9700 §2.4: "The resource owner password credentials grant [RFC6749] MUST NOT be used."
    if (tokensIssued(password))
      return fail('the resource owner password credentials grant issued tokens', {
        expected: 'error="unsupported_grant_type" or "unauthorized_client"',
        actual: describeCall(password),
        exchanges,
      })
    const passwordVerdict = judgeRejection(password, { what: 'grant_type=password', rule: notAllowed })
    if (passwordVerdict.kind === 'fail' || passwordVerdict.kind === 'warn') return { ...passwordVerdict, exchanges }
    // Whether the client may use client_credentials is its registration, which the target file
    // does not state: a success is reported, not failed.
    if (tokensIssued(clientCredentials))
      return info(
        'the client was issued tokens for grant_type=client_credentials (fine only if it is registered for that grant)',
        {
          actual: describeCall(clientCredentials),
          exchanges,
        },
      )
    const ccVerdict = judgeRejection(clientCredentials, { what: 'grant_type=client_credentials', rule: notAllowed })
    if (ccVerdict.kind !== 'pass') return { ...ccVerdict, exchanges }
    return pass(undefined, { actual: [describeCall(password), describeCall(clientCredentials)], exchanges })
  },
})
