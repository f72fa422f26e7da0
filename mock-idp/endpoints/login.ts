import { TemporarilyUnavailable } from '../errors.js'
import type { Endpoint } from './endpoint.js'

// Placeholder until the authorization helper lands this endpoint.
export const login: Endpoint = async () => {
  throw new TemporarilyUnavailable('login endpoint not built yet')
}
