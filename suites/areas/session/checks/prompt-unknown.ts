/** sess.prompt-unknown — OIDC Core §3.1.2.1: an unknown prompt value is ignored or refused (reported). */
import { defineCheck, info } from '../../../harness/check.js'
import { describeOutcome, exchangesOf } from './judging.js'

export default defineCheck({
  id: 'sess.prompt-unknown',
  title: 'An unknown prompt value is ignored or refused with invalid_request',
  area: 'session',
  level: 'MAY',
  spec: ['OIDCC-3.1.2.1'],
  needs: ['session'],
  evaluate: ({ session }) => {
    const attempt = session.promptUnknown
    const { result } = attempt
    const exchanges = exchangesOf(attempt)
    const actual = describeOutcome(attempt)
    // OIDC Core §3.1.2.1 defines none, login, consent and select_account and says nothing of other
    // values: ignoring them and refusing them are both defensible.
    if (result.kind === 'callback' && result.params.code)
      return info('the unknown "prompt" value was ignored', { actual, exchanges })
    if (result.kind === 'callback' && result.params.error) {
      return info(`the unknown "prompt" value was refused with "error" "${result.params.error}"`, { actual, exchanges })
    }
    return info('the unknown "prompt" value stopped on a page', { actual, exchanges })
  },
})
