import { defineCheck, fail, pass } from '../../../harness/check.js'
import { exactly, judgeCode } from '../../../harness/error-code-rule.js'
import { AUTHORIZATION_INVALID_REQUEST } from '../../../harness/error-code-sentences.js'
import { describe, summary } from '../../authorization/checks/judge.js'

// A state the server will not keep is "an invalid parameter value": invalid_request (RFC 6749 §4.1.2.1).
const tooLong = exactly('a state longer than the server keeps', 'invalid_request', AUTHORIZATION_INVALID_REQUEST)

export default defineCheck({
  id: 'state.long',
  title: 'A 512, 1024 or 2048-character state comes back intact, or is refused cleanly with invalid_request',
  area: 'state',
  level: 'SHOULD',
  spec: ['RFC6749-4.1.1', 'RFC6749-4.1.2'],
  needs: ['stateLong'],
  errorCodes: [tooLong],
  coveredBy: { oidf: 'fapi2-…-ensure-authorization-request-with-long-state (rejection = WARN)' },
  evaluate: ({ stateLong }) => {
    const outcomes = stateLong.map(({ length, flow }) => {
      const { result, request } = flow.attempt
      // RFC 6749 §4.1.2: state is "The exact value received from the client"; RFC 6749 sets no
      // length limit, so a long value comes back whole, or is refused as invalid_request.
      if (result.kind === 'callback' && result.params.code !== undefined)
        return {
          length,
          ok: result.params.state === request.state,
          outcome: result.params.state === request.state ? 'intact' : 'changed',
        }
      if (result.kind === 'callback')
        return {
          length,
          ok: result.params.error !== undefined && judgeCode(result.params.error, tooLong) === 'pass',
          outcome: describe(result),
        }
      return { length, ok: result.status >= 400 && result.status < 500, outcome: describe(result) }
    })
    const bad = outcomes.filter((outcome) => !outcome.ok)
    if (bad.length > 0)
      return fail(
        `long state not handled cleanly: ${bad.map((outcome) => `${outcome.length} characters → ${outcome.outcome}`).join('; ')}`,
        {
          expected: 'the state intact, or invalid_request',
          actual: stateLong.map(({ length, flow }) => ({ length, result: summary(flow.attempt.result) })),
          exchanges: stateLong
            .filter(({ length }) => bad.some((outcome) => outcome.length === length))
            .flatMap(({ flow }) => flow.attempt.result.exchanges),
        },
      )
    return pass(outcomes.map((outcome) => `${outcome.length}: ${outcome.outcome}`).join('; '))
  },
})
