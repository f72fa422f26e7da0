/**
 * OpenID Provider Configuration (OIDC Discovery §4) and OAuth 2.0 Authorization Server
 * Metadata (RFC 8414 §3): the same document at both well-known locations.
 */
import { json } from '../http/endpoint-result.js'
import { providerMetadata } from '../tokens/metadata.js'
import type { Endpoint } from './endpoint.js'

export const discovery: Endpoint = async ({ provider, urls }) =>
  json(providerMetadata(provider, urls), 200, { 'Cache-Control': 'public, max-age=60' })
