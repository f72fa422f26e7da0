/** rt.refresh-works — RFC 6749 §6 (refreshing an access token) and §5.1 (the successful response). */
import { defineCheck, fail, pass, warn } from '../../../harness/check.js'

export default defineCheck({
  id: 'rt.refresh-works',
  title: 'A refresh token obtains a new access token (200, no-store, Bearer, a different access token)',
  area: 'refresh',
  level: 'MUST',
  spec: ['RFC6749-6', 'RFC6749-5.1'],
  needs: ['refreshChain'],
  dependsOnSetup:
    'refresh tokens being issued: a code exchange without one fails only when the target file declares capabilities.refresh_tokens: true (and says so); otherwise every refresh check is skipped with that reason',
  coveredBy: {
    oidf: 'oidcc-refresh-token → RefreshTokenRequestSteps (CheckTokenEndpointHttpStatus200, CheckTokenEndpointReturnedJsonContentType, CheckTokenEndpointCacheHeaders, CheckTokenTypeIsBearer, EnsureAccessTokenValuesAreDifferent)',
    oauch: 'Features.HasRefreshTokensTest',
  },
  evaluate: ({ refreshChain }) => {
    if (!refreshChain.issued) {
      return fail(
        'the target file declares refresh tokens (capabilities.refresh_tokens: true) but the code exchange returned no "refresh_token"',
        {
          expected: 'a "refresh_token" member',
          actual: Object.keys(refreshChain.token.body ?? {}),
          exchanges: [refreshChain.token.exchange],
        },
      )
    }
    const { call } = refreshChain.works
    const exchanges = [call.exchange]
    // RFC 6749 §6: "If valid and authorized, the authorization server issues an access token as
    // described in Section 5.1."
    if (call.status !== 200) {
      return fail(`a valid refresh request was answered with HTTP ${call.status}`, {
        expected: 200,
        actual: { status: call.status, body: call.text.slice(0, 200) },
        exchanges,
      })
    }
    if (call.contentType !== 'application/json') {
      return fail('the refresh response is not "application/json" (RFC 6749 §5.1)', {
        expected: 'application/json',
        actual: call.contentType,
        exchanges,
      })
    }
    const body = call.body ?? {}
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      return fail('the refresh response has no "access_token"', { actual: Object.keys(body), exchanges })
    }
    // RFC 6749 §5.1: "token_type REQUIRED. The type of the token issued" (case-insensitive, §7.1).
    if (typeof body.token_type !== 'string' || !['bearer', 'dpop'].includes(body.token_type.toLowerCase())) {
      return fail('"token_type" of the refresh response is not "Bearer"', {
        expected: 'Bearer',
        actual: body.token_type,
        exchanges,
      })
    }
    // RFC 6749 §5.1: "The authorization server MUST include the HTTP "Cache-Control" response header
    // field [RFC2616] with a value of "no-store" in any response containing tokens".
    const cacheControl = call.headers.get('cache-control') ?? ''
    if (!/(^|,)\s*no-store\s*(,|$)/i.test(cacheControl)) {
      return fail('the refresh response lacks "Cache-Control: no-store"', {
        expected: 'no-store',
        actual: cacheControl || undefined,
        exchanges,
      })
    }
    if (body.expires_in !== undefined && !(typeof body.expires_in === 'number' && body.expires_in > 0)) {
      return fail('"expires_in" is not a positive number of seconds', { actual: body.expires_in, exchanges })
    }
    if (body.access_token === refreshChain.accessToken) {
      return warn('the refreshed "access_token" is the same as the one the code exchange issued', { exchanges })
    }
    return pass(undefined, { exchanges })
  },
})
