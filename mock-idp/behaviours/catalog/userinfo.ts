/** Behaviours of the UserInfo endpoint (OIDC Core §5.3; RFC 6750). */
import { behaviours } from '../behaviour.js'

export const userinfoBehaviours = behaviours([])
