/** Behaviours of token revocation (RFC 7009). */
import { behaviours } from '../behaviour.js'

export const revocationBehaviours = behaviours([])
