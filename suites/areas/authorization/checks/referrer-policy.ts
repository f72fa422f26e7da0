import * as cheerio from 'cheerio'
import type { Exchange } from '../../../../reports/run-result.js'
import { defineCheck, info, pass, skip } from '../../../harness/check.js'
import { header, htmlPages } from './login-page-headers.js'

/** Policies that never send the full URL (path and query) to another origin. */
const STRICT = [
  'no-referrer',
  'same-origin',
  'origin',
  'strict-origin',
  'strict-origin-when-cross-origin',
  'origin-when-cross-origin',
]

/** The effective policy: the last recognised token of the header, else of a <meta name="referrer">. */
export function referrerPolicy(exchange: Exchange): string | undefined {
  const fromHeader = (header(exchange, 'referrer-policy') ?? '')
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter(Boolean)
    .at(-1)
  if (fromHeader) return fromHeader
  const $ = cheerio.load(exchange.response?.body ?? '')
  return $('meta[name="referrer" i]').attr('content')?.trim().toLowerCase()
}

export default defineCheck({
  id: 'authz.referrer-policy',
  title: 'The login and consent pages set a strict Referrer-Policy',
  area: 'authorization',
  level: 'MAY',
  spec: ['RFC9700-4.2.4'],
  needs: ['happyFlow'],
  coveredBy: { oauch: 'AuthEndpoint.ReferrerPolicyEnforcedTest' },
  evaluate: ({ happyFlow }) => {
    const pages = htmlPages(happyFlow)
    if (pages.length === 0) return skip('the happy flow showed no HTML page (no login or consent page to look at)')
    // RFC 9700 §4.2.4: "The page rendered as a result of the OAuth authorization response and the
    // authorization endpoint SHOULD NOT include third-party resources or links to external sites";
    // a Referrer-Policy (e.g. no-referrer) keeps the request URL out of Referer headers.
    const weak = pages.filter((page) => !STRICT.includes(referrerPolicy(page) ?? ''))
    const actual = pages.map((page) => ({ url: page.request.url, policy: referrerPolicy(page) }))
    if (weak.length === 0) return pass(`${pages.length} page(s) set a strict Referrer-Policy`, { actual })
    return info(
      `${weak.length} of ${pages.length} pages set no strict Referrer-Policy (browsers then default to strict-origin-when-cross-origin)`,
      {
        expected: STRICT.join(' | '),
        actual,
        exchanges: weak,
      },
    )
  },
})
