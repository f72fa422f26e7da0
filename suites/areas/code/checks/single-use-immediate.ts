import { defineCheck, fail, pass } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_GRANT } from '../../../harness/error-code-sentences.js'
import { judgeRejection, tokensIssued } from '../../token/checks/token-errors.js'

// RFC 6749 §5.2: a used code is no longer a valid grant ("invalid, expired, revoked"): invalid_grant only.
export const codeReused = exactly('a code redeemed a second time', 'invalid_grant', TOKEN_INVALID_GRANT)

export default defineCheck({
  id: 'code.single-use-immediate',
  title: 'A code redeemed a second time at once is refused with invalid_grant',
  area: 'code',
  level: 'MUST',
  spec: ['RFC6749-4.1.2', 'RFC6749-10.5', 'OIDCC-3.1.3.2'],
  needs: ['codeReplay', 'codeReplayDelayed'],
  errorCodes: [codeReused],
  coveredBy: {
    oidf: 'oidcc-codereuse (a success is only a WARN there)',
    oauch: 'TokenEndpoint.MultipleCodeExchangesTest',
  },
  evaluate: ({ codeReplay, codeReplayDelayed }) => {
    const { first, replay, replayAfterMs } = codeReplay
    const exchanges = [first.exchange, replay.exchange]
    // RFC 6749 §4.1.2: "The client MUST NOT use the authorization code more than once. If an
    // authorization code is used more than once, the authorization server MUST deny the request".
    if (tokensIssued(replay)) {
      const refusedLater = codeReplayDelayed.replays.filter((r) => !tokensIssued(r.replay)).map((r) => r.delaySeconds)
      // An eventually consistent server may let an immediate replay through but
      // not a later one — a "replay window", reported as such, still a failure of the MUST.
      const window =
        refusedLater.length > 0
          ? `replay window: the code was accepted again ${replayAfterMs} ms after its first redemption, but refused after ${refusedLater[0]} s`
          : 'the code was accepted a second time'
      return fail(`${window}; the server issued new tokens for a used code`, {
        expected: 'HTTP 400 error="invalid_grant"',
        actual: { status: replay.status, replayAfterMs },
        exchanges: [...exchanges, ...codeReplayDelayed.replays.map((r) => r.replay.exchange)],
      })
    }
    const verdict = judgeRejection(replay, { what: 'a code redeemed a second time', rule: codeReused })
    return verdict.kind === 'pass' ? pass(undefined, { actual: verdict.actual, exchanges }) : { ...verdict, exchanges }
  },
})
