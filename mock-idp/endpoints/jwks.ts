/** The JWK Set with the public signing keys (RFC 7517 §5; OIDC Core §10.1). */
import { json } from '../http/endpoint-result.js'
import type { Endpoint } from './endpoint.js'

export const jwks: Endpoint = async ({ provider }) =>
  json(provider.keys.jwks(provider.clock.now()), 200, { 'Cache-Control': 'public, max-age=60' })
