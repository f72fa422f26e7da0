/** Recognising and reading the authorization response when it comes back to the client. */
import type { AuthorizeResult } from './driver.js'

/** True when `url` is at one of the client's redirect URIs (same origin and path; the query may differ). */
export function isClientUri(url: string, clientUris: string[]): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  return clientUris.some((candidate) => {
    try {
      const client = new URL(candidate)
      return client.origin === parsed.origin && parsed.pathname.startsWith(client.pathname.replace(/\/$/, '') || '/')
    } catch {
      return false
    }
  })
}

/** Reads the response parameters from the query, or from the fragment when there are none in the query. */
export function readCallback(
  url: string,
  how: 'redirect',
): Omit<Extract<AuthorizeResult, { kind: 'callback' }>, 'sawLogin' | 'sawConsent' | 'exchanges'> {
  void how
  const parsed = new URL(url)
  const fragment = new URLSearchParams(parsed.hash.slice(1))
  const fromFragment = [...fragment].some(([name]) => ['code', 'error', 'state', 'iss'].includes(name))
  const source = fromFragment ? fragment : parsed.searchParams
  const allParams = [...source] as Array<[string, string]>
  return {
    kind: 'callback',
    url,
    mode: fromFragment ? 'fragment' : 'query',
    params: Object.fromEntries(allParams),
    allParams,
  }
}
