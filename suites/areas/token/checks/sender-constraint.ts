import { defineCheck, info, skip } from '../../../harness/check.js'

export default defineCheck({
  id: 'token.sender-constraint',
  title: 'Whether access tokens are sender-constrained (DPoP, mTLS) or plain bearer tokens',
  area: 'token',
  level: 'MAY',
  spec: ['RFC9700-2.2.1'],
  needs: ['happyFlow', 'discovery'],
  coveredBy: { oidf: 'FAPI2 DPoP/mTLS modules', oauch: 'ApiEndpoint.AreBearerTokensDisabledTest, DPoP.*' },
  evaluate: ({ happyFlow, discovery }) => {
    const tokenType = happyFlow.token.body?.token_type
    if (typeof tokenType !== 'string') return skip('the token response has no "token_type"')
    const metadata = discovery.metadata ?? {}
    const dpop = Array.isArray(metadata.dpop_signing_alg_values_supported)
    const mtls = metadata.tls_client_certificate_bound_access_tokens === true
    const actual = {
      token_type: tokenType,
      dpop_signing_alg_values_supported: dpop,
      tls_client_certificate_bound_access_tokens: mtls,
    }
    // RFC 9700 §2.2.1: "Authorization and resource servers SHOULD use mechanisms for
    // sender-constraining access tokens, such as Mutual TLS … or DPoP". The suite's client does not
    // present a DPoP proof or certificate, so what it gets is a bearer token; this is reported.
    return info(
      `access tokens are issued as "${tokenType}" tokens${dpop || mtls ? `; the server advertises ${[dpop && 'DPoP', mtls && 'mTLS-bound tokens'].filter(Boolean).join(' and ')}` : '; no sender-constraining mechanism is advertised'}`,
      { actual, exchanges: [happyFlow.token.exchange] },
    )
  },
})
