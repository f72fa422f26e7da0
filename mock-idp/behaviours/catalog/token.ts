/** Behaviours of the token endpoint: request and response format (RFC 6749 §3.2, §4.1.3, §5). */
import { behaviours } from '../behaviour.js'

export const tokenBehaviours = behaviours([])
