/** Behaviours of RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0). */
import { behaviours } from '../behaviour.js'

export const logoutBehaviours = behaviours([])
