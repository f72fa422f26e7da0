/** Behaviours of the refresh token grant (RFC 6749 §6; RFC 9700 §4.14). */
import { behaviours } from '../behaviour.js'

export const refreshBehaviours = behaviours([])
