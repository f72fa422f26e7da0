/**
 * The Content-Security-Policy of the mock's pages: no scripts (but the form_post page's one,
 * allowed by its hash), no fetches, never framed (RFC 6749 §10.13: "the authorization server
 * MUST … prevent clickjacking"; CSP `frame-ancestors`), no `<base>`, and a `form-action` on every
 * page, so that markup slipped into a page cannot post what the user types anywhere it likes.
 *
 * Pages without a form (the error page, the signed-out pages) allow no form submission at all.
 * Pages with one allow their own origin, where their forms post, and the origins the sign-in
 * continues to. Chromium checks `form-action` against every redirect that follows a submission,
 * including the client's own redirects after its callback (measured with Chromium 156: a callback
 * redirecting to a second origin was blocked under `form-action 'self' <callback origin>`). Those
 * origins are the client's business and unknown here, so a form page allows any https origin and
 * any loopback http port (a local client hopping from :3000 to :5173), plus the redirect URI the
 * flow continues to (a private-use scheme of a native app, RFC 8252 §7.1, or an http URI).
 */

const COMMON = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:"
const TAIL = "frame-ancestors 'none'; base-uri 'none'"

/** A page that has no form: nothing may be submitted from it. */
export const NO_FORM_CSP = `${COMMON}; form-action 'none'; ${TAIL}`

const WEB_TARGETS = ["'self'", 'https:', 'http://localhost:*', 'http://127.0.0.1:*']

/** A page with a form that posts to the mock; the flow may then continue to `continuesTo` (a redirect URI). */
export function formPageCsp(continuesTo?: string): string {
  return `${COMMON}; form-action ${formTargets(continuesTo).join(' ')}; ${TAIL}`
}

/** The form_post page (its one script allowed by hash): its form posts to the client's redirect URI. */
export function formPostCsp(scriptHash: string, redirectUri: string): string {
  return `default-src 'none'; script-src '${scriptHash}'; style-src 'unsafe-inline'; img-src 'self' data:; form-action ${formTargets(redirectUri).join(' ')}; ${TAIL}`
}

function formTargets(continuesTo: string | undefined): string[] {
  const extra = continuesTo === undefined ? undefined : sourceFor(continuesTo)
  return extra === undefined || WEB_TARGETS.includes(extra) ? WEB_TARGETS : [...WEB_TARGETS, extra]
}

/**
 * The CSP source expression matching `uri`: its origin for http(s), its scheme otherwise. Only
 * plain host names and IPv4 addresses make a source (CSP3 §2.3.1 host-source); anything else
 * (an IPv6 literal, a character that would end the directive) adds nothing.
 */
function sourceFor(uri: string): string | undefined {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return undefined
  }
  if (url.protocol === 'https:') return 'https:'
  if (url.protocol !== 'http:') return /^[a-z][a-z0-9+.-]*:$/.test(url.protocol) ? url.protocol : undefined
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(url.hostname)) return undefined
  return `http://${url.hostname}${url.port === '' ? '' : `:${url.port}`}`
}
