/**
 * guide.authorization-sample — the guide's sample authorization request, POSTed as written (every
 * parameter in the query string), comes back to the redirect URI with a code and
 * state=af0ifjsldkj (the guide; RFC 6749 §4.1.1, §4.1.2; OIDC Core §3.1.2.1 for POST).
 */

import { defineCheck, fail, pass } from '../../../harness/check.js'
import { GUIDE_STATE } from './sample-values.js'

export default defineCheck({
  id: 'guide.authorization-sample',
  title: "The guide's sample authorization request (POST, parameters in the query) returns a code and its state",
  area: 'guide',
  level: 'MUST',
  spec: ['GUIDE', 'RFC6749-4.1.2', 'OIDCC-3.1.2.1'],
  needs: ['guideSamples'],
  evaluate: ({ guideSamples }) => {
    const { result, redirectUri } = guideSamples.authorization
    const exchanges = result.exchanges
    if (result.kind === 'page')
      return fail(
        `the sample authorization request ended on a page (HTTP ${result.status}) instead of redirecting back`,
        {
          expected: `a redirect to ${redirectUri} with "code" and state=${GUIDE_STATE}`,
          actual: result.status,
          exchanges,
        },
      )
    if (result.params.code === undefined)
      return fail(
        `the sample authorization request came back without a code${result.params.error ? ` (error=${result.params.error})` : ''}`,
        {
          expected: '"code"',
          actual: result.params,
          exchanges,
        },
      )
    // RFC 6749 §4.1.2 state: "REQUIRED if the "state" parameter was present in the client
    // authorization request. The exact value received from the client."
    const states = result.allParams.filter(([name]) => name === 'state').map(([, value]) => value)
    if (states.length !== 1 || states[0] !== GUIDE_STATE)
      return fail('"state" is not the sample\'s "af0ifjsldkj"', { expected: GUIDE_STATE, actual: states, exchanges })
    return pass(undefined, { actual: { state: states[0] }, exchanges })
  },
})
