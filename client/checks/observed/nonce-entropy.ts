/** nonce, when sent, is unguessable and new for each sign-in (OIDC Core §15.5.2). */
import { fail, pass, skip } from '../../../suites/harness/check.js'
import type { ObservedCheck } from '../client-check.js'
import { param } from '../sign-in-profile.js'
import { estimatedBits, MIN_BITS } from './entropy.js'

export const nonceEntropy: ObservedCheck = {
  id: 'client.requests.nonce-entropy',
  title: 'Sends a nonce that is unguessable and new for every sign-in',
  area: 'client-requests',
  kind: 'observed',
  level: 'SHOULD',
  spec: ['OIDCC-15.5.2', 'OIDCC-3.1.2.1'],
  rule: 'OIDC Core §15.5.2: the nonce binds the ID token to the session; "Sufficient entropy MUST be present in the nonce values used to prevent attackers from guessing values."',
  oidf: null,
  arming: { kind: 'none' },
  evaluate: ({ baseline, repeat }) => {
    const nonce = param(
      baseline.find((request) => request.endpoint === 'authorization'),
      'nonce',
    )
    if (nonce === undefined) return skip('the client sends no nonce (OPTIONAL in the code flow)')
    const bits = estimatedBits(nonce)
    if (bits < MIN_BITS)
      return fail(`nonce carries about ${Math.floor(bits)} bits of randomness, fewer than ${MIN_BITS}`, {
        expected: `≥ ${MIN_BITS} bits`,
        actual: `${nonce.length} characters, about ${Math.floor(bits)} bits`,
      })
    const again = param(
      repeat?.find((request) => request.endpoint === 'authorization'),
      'nonce',
    )
    if (again !== undefined && again === nonce)
      return fail('two sign-ins sent the same nonce', {
        expected: 'a new nonce per sign-in',
        actual: 'the same value twice',
      })
    return pass(
      `nonce of ${nonce.length} characters (about ${Math.floor(bits)} bits)${again ? ', new for each sign-in' : ''}`,
    )
  },
}
