import { TemporarilyUnavailable } from '../errors.js'
import type { Endpoint } from './endpoint.js'

// Placeholder until the token helper lands this endpoint.
export const userinfo: Endpoint = async () => {
  throw new TemporarilyUnavailable('userinfo endpoint not built yet')
}
