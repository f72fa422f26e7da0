import { TemporarilyUnavailable } from '../errors.js'
import type { Endpoint } from './endpoint.js'

// Placeholder until the authorization helper lands this endpoint.
export const endSession: Endpoint = async () => {
  throw new TemporarilyUnavailable('end-session endpoint not built yet')
}
