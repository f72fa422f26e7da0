/** idt.acr — OIDC Core §2, §3.1.2.1 (acr_values), §5.5.1.1. */
import { defineCheck, fail, pass, skip, warn } from '../../../harness/check.js'
import { NO_ID_TOKEN } from './common.js'

export default defineCheck({
  id: 'idt.acr',
  title: 'acr, when present, is a non-empty string, one of the requested acr_values when they were advertised',
  area: 'id-token',
  level: 'MUST',
  spec: ['OIDCC-2', 'OIDCC-3.1.2.1', 'OIDCC-5.5.1.1'],
  needs: ['happyFlow', 'idTokenAcr', 'discovery'],
  coveredBy: {
    oidf: 'ValidateIdTokenACRClaimAgainstRequest, ValidateIdTokenACRClaimAgainstAcrValuesRequest (WARN), ValidateIdToken (empty acr)',
  },
  evaluate: ({ happyFlow, idTokenAcr, discovery }) => {
    if (!happyFlow.idToken?.claims) return skip(NO_ID_TOKEN)
    // OIDC Core §2: acr "OPTIONAL. Authentication Context Class Reference. String specifying an
    // Authentication Context Class Reference value".
    for (const [claims, exchange] of [
      [happyFlow.idToken.claims, happyFlow.token.exchange],
      ...(!('refused' in idTokenAcr) && idTokenAcr.idToken?.claims
        ? [[idTokenAcr.idToken.claims, idTokenAcr.exchanges.at(-1)!] as const]
        : []),
    ] as const) {
      if (claims.acr !== undefined && (typeof claims.acr !== 'string' || claims.acr === ''))
        return fail('"acr" is not a non-empty string', { actual: claims.acr, exchanges: [exchange] })
    }
    if ('refused' in idTokenAcr) {
      // OIDC Core §3.1.2.1: "The acr Claim is requested as a Voluntary Claim by this parameter."
      return warn('a request with "acr_values" was refused, although acr_values only request a voluntary claim', {
        actual: idTokenAcr.refused,
        exchanges: idTokenAcr.exchanges,
      })
    }
    const acr = idTokenAcr.idToken?.claims?.acr
    const exchanges = idTokenAcr.exchanges.slice(-1)
    if (acr === undefined) return pass('no "acr" returned (acr_values request it as a voluntary claim)', { exchanges })
    const advertised = discovery.metadata?.acr_values_supported
    const requestedAdvertised =
      Array.isArray(advertised) && idTokenAcr.acrValues.every((value) => advertised.includes(value))
    if (requestedAdvertised && !idTokenAcr.acrValues.includes(acr as string))
      return warn(`"acr" "${acr}" is not one of the requested "acr_values"`, {
        expected: idTokenAcr.acrValues,
        actual: acr,
        exchanges,
      })
    return pass(`"acr" "${acr}"`, { exchanges })
  },
})
