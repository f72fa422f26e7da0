import { TemporarilyUnavailable } from '../errors.js'
import type { Endpoint } from './endpoint.js'

// Placeholder until the authorization helper lands this endpoint.
export const consent: Endpoint = async () => {
  throw new TemporarilyUnavailable('consent endpoint not built yet')
}
