import { TemporarilyUnavailable } from '../errors.js'
import type { Endpoint } from './endpoint.js'

// Placeholder until the token helper lands this endpoint.
export const token: Endpoint = async () => {
  throw new TemporarilyUnavailable('token endpoint not built yet')
}
