/**
 * The URL @hono/node-server gives the app for a request's Host and target (its `buildUrl`), built
 * the same way for a request answered without the app (node-route.ts, early-discovery.ts), so that
 * both record and answer the same URL. Only for the requests the adapter takes at face value: a
 * Host it uses as it is (a lower-case name or IPv4 address, a port of four or five digits) and an
 * origin-form target. Anything else — a Host it normalises or refuses, an absolute-form target, a
 * backslash in the path — is left to the app (undefined), which answers it.
 */
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/
const PLAIN_TARGET = /^\/[!#$&-;=?-[\]_a-z~]*$/
const DOT_SEGMENT = /\/\.\.?(?:[/?#]|$)/

export function adapterUrl(host: string | undefined, target: string | undefined): string | undefined {
  if (host === undefined || target === undefined || !PLAIN_HOST.test(host) || !target.startsWith('/')) return
  const url = `http://${host}${target}`
  if (PLAIN_TARGET.test(target) && !DOT_SEGMENT.test(target)) return url
  // The adapter refuses a backslash before the query, and normalises anything else through URL.
  const backslash = target.indexOf('\\')
  if (backslash !== -1 && (target.indexOf('?') === -1 || backslash < target.indexOf('?'))) return
  return new URL(url).href
}

/** The path of such a URL (before its query), as Hono routes it; undefined when Hono would decode it first (a `%`). */
export function routedPath(url: string): string | undefined {
  const start = url.indexOf('/', 'http://'.length)
  const query = url.indexOf('?', start)
  const path = url.slice(start, query === -1 ? undefined : query)
  return path.includes('%') ? undefined : path
}
