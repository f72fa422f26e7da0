/**
 * Behaviours of the authorization endpoint's request validation (RFC 6749 §3.1, §3.1.2, §4.1.1;
 * OIDC Core §3.1.2.1) and of its pages.
 */
import { behaviours } from '../behaviour.js'

export const authorizationBehaviours = behaviours([
  {
    id: 'redirect-uri-not-checked',
    description: 'Accepts any redirect_uri for a known client and sends the code there.',
    violates: ['RFC6749-3.1.2.3', 'RFC9700-4.1'],
    level: 'MUST',
    client: 'Nothing a client sees; a client test can only confirm that its own redirect_uri is the one it registered.',
    seam: 'validation',
    waives: 'redirect-uri-exact-match',
  },
])
