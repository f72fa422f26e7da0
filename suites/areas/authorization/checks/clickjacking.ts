import type { Exchange } from '../../../../reports/run-result.js'
import { defineCheck, pass, skip, warn } from '../../../harness/check.js'
import { header, htmlPages } from './login-page-headers.js'

/** X-Frame-Options DENY/SAMEORIGIN, or a CSP frame-ancestors that does not allow every origin. */
export function framingProtected(exchange: Exchange): boolean {
  const frameOptions = header(exchange, 'x-frame-options')?.trim().toUpperCase()
  if (frameOptions === 'DENY' || frameOptions === 'SAMEORIGIN') return true
  const csp = header(exchange, 'content-security-policy') ?? ''
  const directive = csp
    .split(/[;,]/)
    .map((part) => part.trim())
    .find((part) => part.toLowerCase().startsWith('frame-ancestors'))
  if (!directive) return false
  const sources = directive.split(/\s+/).slice(1)
  return sources.length > 0 && !sources.includes('*') && !sources.some((source) => /^(https?:)$/i.test(source))
}

export default defineCheck({
  id: 'authz.clickjacking',
  title: 'The login and consent pages cannot be framed (X-Frame-Options or CSP frame-ancestors)',
  area: 'authorization',
  level: 'SHOULD',
  spec: ['RFC6749-10.13', 'RFC9700-4.16'],
  needs: ['happyFlow'],
  coveredBy: { oauch: 'AuthEndpoint.HasFrameOptionsTest, AuthEndpoint.HasContentSecurityPolicyTest' },
  evaluate: ({ happyFlow }) => {
    const pages = htmlPages(happyFlow)
    if (pages.length === 0) return skip('the happy flow showed no HTML page (no login or consent page to look at)')
    // RFC 9700 §4.16: "Authorization servers MUST prevent clickjacking attacks. … In addition to
    // those, authorization servers SHOULD also use Content Security Policy (CSP) level 2 or
    // greater." RFC 6749 §10.13 only suggests X-Frame-Options, so the catalog rates it SHOULD.
    const unprotected = pages.filter((page) => !framingProtected(page))
    if (unprotected.length === 0) return pass(`${pages.length} page(s) forbid framing`, { exchanges: pages })
    return warn(
      `${unprotected.length} of ${pages.length} pages can be framed: no "X-Frame-Options: DENY/SAMEORIGIN" and no restrictive "frame-ancestors"`,
      {
        expected: 'X-Frame-Options: DENY or SAMEORIGIN, or Content-Security-Policy: frame-ancestors …',
        actual: unprotected.map((page) => ({
          url: page.request.url,
          'x-frame-options': header(page, 'x-frame-options'),
          'content-security-policy': header(page, 'content-security-policy'),
        })),
        exchanges: unprotected,
      },
    )
  },
})
