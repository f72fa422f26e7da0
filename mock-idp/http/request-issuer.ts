/**
 * The issuer one request is made to, and its endpoint URLs: the configured issuer, or — only when
 * `trustForwardedHeaders` is on and no issuer is configured — the origin the proxy says the
 * client used (X-Forwarded-Proto/Host). Never guessed from the Host header.
 */
import { type EndpointUrls, endpointUrls } from '../endpoint-urls.js'
import type { Provider } from '../provider.js'
import type { RequestHeaders } from './parsed-request.js'

export function issuerFor(provider: Provider, headers: RequestHeaders): string {
  if (provider.config.issuer !== undefined || !provider.config.trustForwardedHeaders) return provider.issuer
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim()
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim()
  if (!host || !/^[A-Za-z0-9.\-:[\]]+$/.test(host)) return provider.issuer
  const scheme = proto === 'https' || proto === 'http' ? proto : 'https'
  return `${scheme}://${host}${new URL(provider.issuer).pathname.replace(/\/$/, '')}`
}

/** The endpoint URLs at `issuer`: the provider's own (computed once) when it is the configured issuer. */
export function urlsFor(provider: Provider, issuer: string): EndpointUrls {
  return issuer === provider.issuer ? provider.urls : endpointUrls(issuer, provider.config.paths)
}
