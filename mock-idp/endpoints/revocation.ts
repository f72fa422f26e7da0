import { TemporarilyUnavailable } from '../errors.js'
import type { Endpoint } from './endpoint.js'

// Placeholder until the token helper lands this endpoint.
export const revocation: Endpoint = async () => {
  throw new TemporarilyUnavailable('revocation endpoint not built yet')
}
