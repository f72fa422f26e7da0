/**
 * RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than once."
 *
 * `Params.get` already rejects a repeated parameter when it is read; this step also catches the
 * ones no later step reads (extensions, typos), and the query/body duplicates of a POST
 * (OIDC Core §3.1.2.1 allows POST; a name in both the query and the form counts twice).
 * It runs once the redirect target is known so that the error reaches the client.
 */
import { InvalidRequest } from '../../errors.js'
import type { Step } from '../step.js'

export const checkRepeatedParameters: Step = ({ params }, draft) => {
  const repeated = params.repeated()
  if (repeated.length > 0) {
    throw new InvalidRequest(
      `${repeated.map((name) => `"${name}"`).join(', ')} ${repeated.length === 1 ? 'parameter was' : 'parameters were'} included more than once (RFC 6749 §3.1)`,
      { detail: { repeated } },
    )
  }
  return draft
}
