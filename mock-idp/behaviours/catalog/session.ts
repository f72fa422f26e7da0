/** Behaviours of prompt, max_age and id_token_hint (OIDC Core §3.1.2.1). */
import { behaviours } from '../behaviour.js'

export const sessionBehaviours = behaviours([])
