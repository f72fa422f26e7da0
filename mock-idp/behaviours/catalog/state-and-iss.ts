/** Behaviours of state and iss in the authorization response (RFC 6749 §4.1.2, §10.12; RFC 9207). */
import { behaviours } from '../behaviour.js'

export const stateAndIssBehaviours = behaviours([])
