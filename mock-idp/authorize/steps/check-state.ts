/**
 * Reads `state` before anything that can fail with a redirect, so every later error carries it.
 *
 * RFC 6749 §4.1.2.1: "state REQUIRED if a "state" parameter was present in the client
 * authorization request. The exact value received from the client." The value is kept verbatim
 * (no trimming, no re-encoding); its length is bounded by `limits.maxParameterLength`.
 */
import type { Step } from '../step.js'

export const checkState: Step = ({ params }, draft) => {
  const state = params.get('state')
  return state === undefined ? draft : { ...draft, state }
}
