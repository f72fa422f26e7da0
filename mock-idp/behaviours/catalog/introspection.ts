/** Behaviours of token introspection (RFC 7662). */
import { behaviours } from '../behaviour.js'

export const introspectionBehaviours = behaviours([])
