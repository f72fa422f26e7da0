import { defineCheck, fail, pass, skip, warn } from '../../../harness/check.js'

export default defineCheck({
  id: 'token.scope-reported',
  title: 'The token response states the granted scope when it differs from the requested one',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-3.3', 'RFC6749-5.1'],
  needs: ['tokenScopeReported'],
  evaluate: ({ tokenScopeReported }) => {
    const { requested, authorization, token } = tokenScopeReported
    if ('page' in authorization)
      return skip(
        `the authorization server stopped on a page (HTTP ${authorization.page}) for a request with an unknown scope`,
      )
    const requestedSet = requested.split(' ')
    // RFC 6749 §4.1.2.1: invalid_scope "The requested scope is invalid, unknown, or malformed."
    if (authorization.params.error === 'invalid_scope')
      return pass(
        'the unknown scope was refused with invalid_scope at the authorization endpoint, so no token was issued for a different scope',
        {
          exchanges: authorization.exchanges,
        },
      )
    if (!token)
      return skip(
        `the authorization request with an unknown scope ended in error="${authorization.params.error ?? '(none)'}"`,
      )
    const exchanges = [...authorization.exchanges, token.exchange]
    if (typeof token.body?.access_token !== 'string') return skip(`the code exchange answered HTTP ${token.status}`)
    const scope = token.body.scope
    // RFC 6749 §5.1: scope "OPTIONAL, if identical to the scope requested by the client; otherwise, REQUIRED."
    if (scope === undefined)
      return warn(
        `the token response has no "scope" although the request included the unknown scope "${requestedSet.at(-1)}"; unless the server really granted it, RFC 6749 §5.1 requires "scope"`,
        { expected: 'scope listing the granted scopes', actual: 'absent', exchanges },
      )
    if (typeof scope !== 'string') return fail('"scope" is not a space-delimited string', { actual: scope, exchanges })
    return pass(undefined, { expected: requested, actual: scope, exchanges })
  },
})
