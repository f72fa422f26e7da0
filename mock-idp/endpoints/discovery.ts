/**
 * OpenID Provider Configuration (OIDC Discovery §4) and OAuth 2.0 Authorization Server
 * Metadata (RFC 8414 §3): the same document at both well-known locations.
 */
import type { EndpointUrls } from '../endpoint-urls.js'
import { type EndpointResult, json } from '../http/endpoint-result.js'
import type { Provider } from '../provider.js'
import { providerMetadata } from '../tokens/metadata.js'
import type { Endpoint } from './endpoint.js'

export const discovery: Endpoint = async ({ provider, urls }) => discoveryResult(provider, urls)

/** The document at `urls`; also what answers before the app has loaded (http/early-discovery.ts). */
export function discoveryResult(provider: Provider, urls: EndpointUrls): EndpointResult {
  return json(providerMetadata(provider, urls), 200, { 'Cache-Control': 'public, max-age=60' })
}
