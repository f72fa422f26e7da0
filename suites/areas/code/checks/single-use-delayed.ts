import { defineCheck } from '../../../harness/check.js'
import { judgeRejections } from '../../token/checks/token-errors.js'
import { codeReused } from './single-use-immediate.js'

export default defineCheck({
  id: 'code.single-use-delayed',
  title: 'A code redeemed again after 1 s (and 30 s with slow checks) is refused with invalid_grant',
  area: 'code',
  level: 'MUST',
  spec: ['RFC6749-4.1.2', 'RFC6749-10.5'],
  needs: ['codeReplayDelayed'],
  errorCodes: [codeReused],
  coveredBy: {
    oidf: 'oidcc-codereuse-30seconds; fapi2-security-profile-final-attempt-reuse-authorization-code-after-one-second',
  },
  // RFC 6749 §4.1.2: "If an authorization code is used more than once, the authorization server
  // MUST deny the request". The 30 s replay runs only with policy.slow_checks.
  evaluate: ({ codeReplayDelayed }) =>
    judgeRejections(
      codeReplayDelayed.replays.map((replay) => ({
        call: replay.replay,
        expectation: { what: `a code redeemed again after ${replay.delaySeconds} s`, rule: codeReused },
      })),
    ),
})
