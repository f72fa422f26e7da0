import { defineCheck, fail, pass, warn } from '../../../harness/check.js'
import { describe } from './judge.js'

export default defineCheck({
  id: 'authz.redirect-uri-variants',
  title:
    'Near-miss redirect URIs (slash, case, scheme, port, sub-domain, userinfo, traversal, encoding) are refused without redirect',
  area: 'authorization',
  level: 'MUST',
  spec: ['RFC9700-2.1', 'RFC9700-4.1', 'RFC6749-3.1.2', 'RFC6749-4.1.2.1'],
  needs: ['authzRedirectVariants'],
  coveredBy: { oauch: 'AuthEndpoint.RedirectUriConfusionTest (path confusion only)' },
  evaluate: ({ authzRedirectVariants: { registered, variants } }) => {
    // RFC 9700 §2.1: "When comparing client redirection URIs against pre-registered URIs,
    // authorization servers MUST utilize exact string matching except for port numbers in
    // localhost redirection URIs of native apps". RFC 6749 §4.1.2.1: "MUST NOT automatically redirect".
    const redirected = variants.filter((variant) => variant.flow.attempt.result.kind === 'callback')
    const serverErrors = variants.filter((variant) => {
      const { result } = variant.flow.attempt
      return result.kind === 'page' && result.status >= 500
    })
    const actual = Object.fromEntries(
      variants.map((variant) => [`${variant.name}: ${variant.sent}`, describe(variant.flow.attempt.result)]),
    )
    const exchanges = [...redirected, ...serverErrors].flatMap((variant) => variant.flow.attempt.result.exchanges)
    if (redirected.length > 0)
      return fail(
        `redirected for ${redirected.length} of ${variants.length} variants of "${registered}": ${redirected.map((variant) => `${variant.name} ("${variant.sent}")`).join('; ')}`,
        { expected: 'an error page for every variant', actual, exchanges },
      )
    if (serverErrors.length > 0)
      return warn(`not redirected, but HTTP 5xx for: ${serverErrors.map((variant) => variant.name).join('; ')}`, {
        expected: 'a 4xx error page',
        actual,
        exchanges,
      })
    return pass(`all ${variants.length} variants of "${registered}" were refused without redirect`, { actual })
  },
})
