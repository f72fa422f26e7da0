/** Behaviours of the authorization code: its lifetime, single use and bindings (RFC 6749 §4.1.2, §4.1.3, §10.5). */
import { behaviours } from '../behaviour.js'

export const codeBehaviours = behaviours([
  {
    id: 'code-reuse-accepted',
    description: 'Redeems the same authorization code again, as often as it is presented until it expires.',
    violates: ['RFC6749-4.1.2', 'RFC6749-10.5'],
    level: 'MUST',
    client: 'Nothing a client sees when it behaves; never retry a redemption that succeeded.',
    seam: 'validation',
    waives: 'code-single-use',
  },
])
