import { TemporarilyUnavailable } from '../errors.js'
import type { Endpoint } from './endpoint.js'

// Placeholder until the token helper lands this endpoint.
export const introspection: Endpoint = async () => {
  throw new TemporarilyUnavailable('introspection endpoint not built yet')
}
