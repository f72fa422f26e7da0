/** Behaviours of client authentication at the token endpoint (RFC 6749 §2.3, §3.2.1; OIDC Core §9). */
import { behaviours } from '../behaviour.js'

export const clientAuthBehaviours = behaviours([])
