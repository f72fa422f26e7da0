/** guide.errata — the guide's three errata, and how the target treated the ones that can be observed (the guide). */
import { defineCheck, info } from '../../../harness/check.js'
import { describeJsonLabelled } from './token-sample.js'

export default defineCheck({
  id: 'guide.errata',
  title: "The integration guide's errata and how the target treats them",
  area: 'guide',
  level: 'MAY',
  spec: ['GUIDE', 'RFC6749-4.1.3', 'RFC6749-3.1.2.3'],
  needs: ['guideSamples'],
  evaluate: ({ guideSamples: e }) => {
    const stray = e.strayQuestionMark.result
    const strayOutcome =
      stray.kind === 'page'
        ? `refused with an error page (HTTP ${stray.status}): "${e.strayQuestionMark.redirectUri}" is not registered, and redirect URIs are compared exactly (RFC 6749 §3.1.2.3)`
        : stray.params.code !== undefined
          ? `accepted: a code came back to "${e.strayQuestionMark.redirectUri}" (that spelling is registered, or matching is not exact)`
          : `answered with an error redirect (error=${stray.params.error ?? '?'})`
    const errata = [
      `1. the token request is labelled "Content-Type: application/json" but its body is form-urlencoded (RFC 6749 §4.1.3 requires application/x-www-form-urlencoded): ${describeJsonLabelled(e.tokenJsonLabelled, e.tokenSkipped ?? e.tokenJsonSkipped)}`,
      `2. redirect_uri is written with a stray trailing "?" ("https%3A%2F%2Fclient.example.org%2Fcb?"), which makes it a different URI: ${strayOutcome}`,
      '3. the code is elided ("SplxlOBe....S6WxSbIA"): a placeholder, not observable — the suite uses the real code',
    ]
    return info(`the guide's errata — ${errata.join('; ')}`, {
      actual: errata,
      exchanges: [...stray.exchanges, ...(e.tokenJsonLabelled ? [e.tokenJsonLabelled.exchange] : [])],
    })
  },
})
