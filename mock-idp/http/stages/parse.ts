/**
 * Stage: the request read into a ParsedRequest (body within `limits.maxBodyBytes`, as UTF-8),
 * and the issuer it was made to with that issuer's endpoint URLs (request-issuer.ts).
 */
import type { EndpointUrls } from '../../endpoint-urls.js'
import type { Provider } from '../../provider.js'
import { type ParsedRequest, parseRequest, type RequestSource } from '../parsed-request.js'
import { issuerFor, urlsFor } from '../request-issuer.js'

export interface Parsed {
  request: ParsedRequest
  issuer: string
  urls: EndpointUrls
}

export async function parse(provider: Provider, source: RequestSource): Promise<Parsed> {
  const request = await parseRequest(source, provider.config.limits.maxBodyBytes)
  const issuer = issuerFor(provider, source.headers)
  return { request, issuer, urls: urlsFor(provider, issuer) }
}
