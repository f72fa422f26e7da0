/**
 * OIDC Core §3.1.2.1: "nonce OPTIONAL. String value used to associate a Client session with an
 * ID Token, and to mitigate replay attacks. The value is passed through unmodified from the
 * Authentication Request to the ID Token." Kept verbatim for the token endpoint.
 */
import type { Step } from '../step.js'

export const checkNonce: Step = ({ params }, draft) => {
  const nonce = params.get('nonce')
  return nonce === undefined ? draft : { ...draft, nonce }
}
