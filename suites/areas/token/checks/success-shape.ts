import { defineCheck, fail, pass, warn } from '../../../harness/check.js'

export default defineCheck({
  id: 'token.success-shape',
  title: 'A successful code exchange returns JSON with access_token, token_type Bearer, expires_in and id_token',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-5.1', 'OIDCC-3.1.3.3'],
  needs: ['happyFlow'],
  coveredBy: {
    oidf: 'CheckTokenEndpointHttpStatus200, CheckIfTokenEndpointResponseError, CheckForAccessTokenValue, ExtractIdTokenFromTokenResponse, ValidateExpiresIn',
    oauch: 'Features.HasAccessTokensTest',
  },
  evaluate: ({ happyFlow }) => {
    const { token } = happyFlow
    const exchanges = [token.exchange]
    const body = token.body ?? {}
    const problems: string[] = []
    // RFC 6749 §5.1: "The parameters are included in the entity-body of the HTTP response using the
    // "application/json" media type".
    if (token.contentType !== 'application/json')
      problems.push(`Content-Type is "${token.contentType ?? 'absent'}", not application/json`)
    if (typeof body.access_token !== 'string' || body.access_token === '') problems.push('"access_token" is missing')
    // RFC 6749 §7.1 / RFC 6750 §4: the type name is case-insensitive.
    if (typeof body.token_type !== 'string') problems.push('"token_type" is missing')
    else if (body.token_type.toLowerCase() !== 'bearer')
      problems.push(`"token_type" is "${body.token_type}", not Bearer`)
    if (body.expires_in !== undefined && !(Number.isInteger(body.expires_in) && (body.expires_in as number) > 0))
      problems.push(`"expires_in" is ${JSON.stringify(body.expires_in)}, not a positive integer number of seconds`)
    // OIDC Core §3.1.3.3: the response contains "id_token: ID Token value associated with the authenticated session".
    const openid = (happyFlow.attempt.request.params.scope ?? '').split(' ').includes('openid')
    if (openid && typeof body.id_token !== 'string')
      problems.push('"id_token" is missing although scope included openid')
    if (body.refresh_token !== undefined && typeof body.refresh_token !== 'string')
      problems.push('"refresh_token" is not a string')
    const actual = { status: token.status, contentType: token.contentType, members: Object.keys(body) }
    if (token.status !== 200) problems.unshift(`HTTP ${token.status}, not 200`)
    if (problems.length > 0)
      return fail(problems.join('; '), { expected: 'RFC 6749 §5.1 / OIDC Core §3.1.3.3 members', actual, exchanges })
    // RFC 6749 §5.1: expires_in "RECOMMENDED".
    if (body.expires_in === undefined)
      return warn('"expires_in" is absent (RECOMMENDED, RFC 6749 §5.1)', { expected: 'expires_in', actual, exchanges })
    return pass(undefined, { actual, exchanges })
  },
})
