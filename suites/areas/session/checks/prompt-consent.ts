/** sess.prompt-consent — OIDC Core §3.1.2.1: prompt=consent shows the consent page even when consent exists. */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { describeOutcome, exchangesOf } from './judging.js'

export default defineCheck({
  id: 'sess.prompt-consent',
  title: 'prompt=consent asks for consent again although it was already given',
  area: 'session',
  level: 'SHOULD',
  spec: ['OIDCC-3.1.2.1'],
  needs: ['session'],
  evaluate: ({ session }) => {
    if (!session.consentRecognisable) {
      return skip(
        'the target file does not describe a consent page (login.consent) and the driver recognised none, so a consent page cannot be told from other pages',
      )
    }
    const flow = session.promptConsent
    const { result } = flow.attempt
    const exchanges = exchangesOf(flow)
    // OIDC Core §3.1.2.1: "consent — The Authorization Server SHOULD prompt the End-User for consent
    // before returning information to the Client."
    if (result.kind !== 'callback' || !result.sawConsent) {
      return fail('no consent page was shown for prompt=consent', { actual: describeOutcome(flow), exchanges })
    }
    return pass(undefined, { exchanges })
  },
})
