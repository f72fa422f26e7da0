/**
 * How the discovery checks judge a URL's scheme (OIDC Discovery §3, RFC 8414 §2: issuer and
 * endpoints use the "https" scheme). A loopback host (localhost, 127.0.0.0/8, [::1]) over plain
 * http is a development setup: reported, not failed, because TLS cannot be judged there.
 */

export type UrlScheme =
  | { kind: 'https'; url: URL }
  | { kind: 'loopback-http'; url: URL }
  | { kind: 'http'; url: URL }
  | { kind: 'other'; url: URL }
  | { kind: 'invalid' }

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (host === '::1') return true
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

export function urlScheme(value: unknown): UrlScheme {
  if (typeof value !== 'string') return { kind: 'invalid' }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return { kind: 'invalid' }
  }
  if (url.protocol === 'https:') return { kind: 'https', url }
  if (url.protocol === 'http:')
    return isLoopbackHost(url.hostname) ? { kind: 'loopback-http', url } : { kind: 'http', url }
  return { kind: 'other', url }
}

/** Metadata members whose value is an endpoint URL the client calls or sends the user to. */
export function endpointMembers(metadata: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(metadata).filter(
    ([name]) => name.endsWith('_endpoint') || name === 'jwks_uri' || name === 'check_session_iframe',
  )
}

/** A short sentence for the loopback note, shared by the checks that meet it. */
export const LOOPBACK_NOTE =
  'served over plain http on a loopback host (a development setup): TLS was not judged on loopback'
