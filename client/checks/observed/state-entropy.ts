/** state, when sent, is unguessable and new for each sign-in (RFC 6749 §10.12, §10.10). */
import { fail, pass, skip } from '../../../suites/harness/check.js'
import type { ObservedCheck } from '../client-check.js'
import { param } from '../sign-in-profile.js'
import { estimatedBits, MIN_BITS } from './entropy.js'

export const stateEntropy: ObservedCheck = {
  id: 'client.requests.state-entropy',
  title: 'Sends a state that is unguessable and new for every sign-in',
  area: 'client-requests',
  kind: 'observed',
  level: 'SHOULD',
  spec: ['RFC6749-10.12', 'RFC6749-10.10'],
  rule: 'RFC 6749 §10.12: the binding value "MUST contain a non-guessable value"; §10.10: guessing it must have a probability of at most 2^-128 (SHOULD 2^-160).',
  oidf: null,
  arming: { kind: 'none' },
  evaluate: ({ baseline, repeat }) => {
    const state = param(
      baseline.find((request) => request.endpoint === 'authorization'),
      'state',
    )
    if (state === undefined)
      return skip('the client sends no state (client.requests.csrf-protection judges what it uses instead)')
    const bits = estimatedBits(state)
    if (bits < MIN_BITS)
      return fail(`state carries about ${Math.floor(bits)} bits of randomness, fewer than ${MIN_BITS}`, {
        expected: `≥ ${MIN_BITS} bits`,
        actual: `${state.length} characters, about ${Math.floor(bits)} bits`,
      })
    const again = param(
      repeat?.find((request) => request.endpoint === 'authorization'),
      'state',
    )
    if (again !== undefined && again === state)
      return fail('two sign-ins sent the same state', {
        expected: 'a new state per sign-in',
        actual: 'the same value twice',
      })
    return pass(
      `state of ${state.length} characters (about ${Math.floor(bits)} bits)${again ? ', new for each sign-in' : ''}`,
    )
  },
}
