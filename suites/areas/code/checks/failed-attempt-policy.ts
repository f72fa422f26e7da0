import { defineCheck, info } from '../../../harness/check.js'
import { describeCall, tokensIssued } from '../../token/checks/token-errors.js'

export default defineCheck({
  id: 'code.failed-attempt-policy',
  title: 'Whether a failed redemption (wrong redirect_uri) burns the code',
  area: 'code',
  level: 'MAY',
  spec: ['RFC6749-10.5'],
  needs: ['tokenRedirectUri'],
  evaluate: ({ tokenRedirectUri }) => {
    const { mismatch, retry } = tokenRedirectUri
    const exchanges = [mismatch.exchange, retry.exchange]
    const actual = { failedAttempt: describeCall(mismatch), retry: describeCall(retry) }
    if (tokensIssued(mismatch))
      return info(
        'not judged: the attempt with a wrong redirect_uri itself returned tokens (see token.redirect-uri-mismatch)',
        {
          actual,
          exchanges,
        },
      )
    // RFC 6749 §10.5: "Authorization codes MUST be short lived and single-use." Whether a failed
    // attempt counts as the single use is left to the server; burning it is the safer choice.
    return tokensIssued(retry)
      ? info(
          'the code stayed usable after a failed redemption with a wrong redirect_uri (allowed; burning it is safer)',
          {
            actual,
            exchanges,
          },
        )
      : info('a failed redemption with a wrong redirect_uri burns the code (the safer choice)', { actual, exchanges })
  },
})
