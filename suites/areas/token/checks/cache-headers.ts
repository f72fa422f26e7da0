import type { CallResult } from '../../../flows/token-calls.js'
import { defineCheck, fail, pass, warn } from '../../../harness/check.js'
import { hasNoStore, hasPragmaNoCache, tokensIssued } from './token-errors.js'

export default defineCheck({
  id: 'token.cache-headers',
  title: 'Token responses (code exchange and refresh) carry Cache-Control: no-store and Pragma: no-cache',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-5.1', 'OIDCC-3.1.3.3'],
  needs: ['happyFlow', 'tokenRequestFormat'],
  coveredBy: {
    oidf: 'CheckTokenEndpointCacheHeaders (refresh responses only, no Pragma)',
    oauch: 'TokenEndpoint.HasCacheControlHeaderTest, TokenEndpoint.HasPragmaHeaderTest (a bare GET of the token URL)',
  },
  evaluate: ({ happyFlow, tokenRequestFormat }) => {
    const responses: Array<[string, CallResult]> = [['code exchange', happyFlow.token]]
    if (tokenRequestFormat.refresh && tokensIssued(tokenRequestFormat.refresh))
      responses.push(['refresh', tokenRequestFormat.refresh])
    const exchanges = responses.map(([, call]) => call.exchange)
    const actual = Object.fromEntries(
      responses.map(([name, call]) => [
        name,
        { 'cache-control': call.headers.get('cache-control'), pragma: call.headers.get('pragma') },
      ]),
    )
    // RFC 6749 §5.1: "The authorization server MUST include the HTTP "Cache-Control" response header
    // field [RFC2616] with a value of "no-store" in any response containing tokens, credentials, or
    // other sensitive information, as well as the "Pragma" response header field [RFC2616] with a
    // value of "no-cache"."
    const noStore = responses.filter(([, call]) => !hasNoStore(call.headers)).map(([name]) => name)
    if (noStore.length > 0)
      return fail(`the ${noStore.join(' and ')} response lacks "Cache-Control: no-store"`, {
        expected: 'Cache-Control: no-store',
        actual,
        exchanges,
      })
    // Pragma is a MUST of RFC 6749 but deprecated by RFC 9111 §5.4 (and dropped by OAuth 2.1), so it
    // is reported, not failed.
    const pragma = responses.filter(([, call]) => !hasPragmaNoCache(call.headers)).map(([name]) => name)
    if (pragma.length > 0)
      return warn(
        `the ${pragma.join(' and ')} response lacks "Pragma: no-cache" (RFC 6749 §5.1; deprecated by RFC 9111)`,
        {
          expected: 'Pragma: no-cache',
          actual,
          exchanges,
        },
      )
    return pass(undefined, { actual, exchanges })
  },
})
