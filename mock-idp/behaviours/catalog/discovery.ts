/** Behaviours of discovery and the JWK Set (OpenID Connect Discovery 1.0 §3–4, RFC 8414, RFC 7517). */
import { behaviours } from '../behaviour.js'

export const discoveryBehaviours = behaviours([])
