import { TemporarilyUnavailable } from '../errors.js'
import type { Endpoint } from './endpoint.js'

// Placeholder until the authorization helper lands this endpoint.
export const authorization: Endpoint = async () => {
  throw new TemporarilyUnavailable('authorization endpoint not built yet')
}
