/** Behaviours of PKCE (RFC 7636; RFC 9700 §2.1.1). */
import { behaviours } from '../behaviour.js'

export const pkceBehaviours = behaviours([])
