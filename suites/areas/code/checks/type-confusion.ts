import { defineCheck, fail, pass, warn } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_GRANT } from '../../../harness/error-code-sentences.js'
import { judgeRejections } from '../../token/checks/token-errors.js'

// RFC 6749 §5.2: a value the server never issued as this kind of grant is an "invalid" grant.
const codeAsRefreshToken = exactly('a code sent as a refresh_token', 'invalid_grant', TOKEN_INVALID_GRANT)
const tokenAsCode = exactly('an access or refresh token sent as the code', 'invalid_grant', TOKEN_INVALID_GRANT)

export default defineCheck({
  id: 'code.type-confusion',
  title: 'Codes, access tokens and refresh tokens are not accepted in place of each other',
  area: 'code',
  level: 'MUST',
  spec: ['RFC6749-5.2', 'RFC6750-3.1'],
  needs: ['codeTypeConfusion'],
  errorCodes: [codeAsRefreshToken, tokenAsCode],
  evaluate: ({ codeTypeConfusion }) => {
    const {
      codeAsRefreshToken: codeAsRefreshTokenCall,
      codeAsBearer,
      accessTokenAsCode,
      refreshTokenAsCode,
    } = codeTypeConfusion
    // RFC 6749 §5.2: invalid_grant "The provided authorization grant (e.g., authorization code,
    // resource owner credentials) or refresh token is invalid".
    const grants = judgeRejections([
      {
        call: codeAsRefreshTokenCall,
        expectation: { what: 'a code sent as a refresh_token', rule: codeAsRefreshToken },
      },
      { call: accessTokenAsCode, expectation: { what: 'an access token sent as the code', rule: tokenAsCode } },
      { call: refreshTokenAsCode, expectation: { what: 'a refresh token sent as the code', rule: tokenAsCode } },
    ])
    if (!codeAsBearer) return grants
    // RFC 6750 §3.1: invalid_token "The access token provided is expired, revoked, malformed, or
    // invalid for other reasons. The resource SHOULD respond with the HTTP 401 (Unauthorized)".
    const exchanges = [...(grants.kind === 'skip' ? [] : (grants.exchanges ?? [])), codeAsBearer.exchange]
    if (codeAsBearer.status >= 200 && codeAsBearer.status < 300)
      return fail('UserInfo accepted an authorization code as a bearer access token', {
        expected: 'HTTP 401',
        actual: `HTTP ${codeAsBearer.status}`,
        exchanges,
      })
    if (grants.kind === 'fail') return { ...grants, exchanges }
    if (codeAsBearer.status !== 401)
      return warn(`UserInfo refused a code sent as a bearer token with HTTP ${codeAsBearer.status} instead of 401`, {
        expected: 'HTTP 401',
        actual: `HTTP ${codeAsBearer.status}`,
        exchanges,
      })
    if (grants.kind === 'warn') return { ...grants, exchanges }
    return pass(undefined, { exchanges })
  },
})
