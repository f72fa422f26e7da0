import type { FlowAttempt } from '../../../flows/flow-attempt.js'
import { defineCheck, info, pass } from '../../../harness/check.js'
import { describe } from './judge.js'

export default defineCheck({
  id: 'authz.auto-redirect-on-error',
  title: 'Whether invalid requests bounce to the redirect URI without any user interaction',
  area: 'authorization',
  level: 'MAY',
  spec: ['RFC9700-4.11.2', 'RFC9700-4.17', 'RFC6749-4.1.2.1'],
  needs: ['authzAutoRedirect'],
  coveredBy: {
    oauch: 'AuthEndpoint.AutomaticRedirectInvalidResponseTypeTest, AuthEndpoint.AutomaticRedirectInvalidScopeTest',
  },
  // RFC 9700 §4.11.2: an open redirector at the authorization server lets an attacker send users
  // to a registered redirect URI with an error, with no user interaction. RFC 6749 §4.1.2.1
  // nevertheless asks for the redirect, so this is reported, never failed.
  evaluate: ({ authzAutoRedirect }) => {
    const cases: Array<[string, FlowAttempt]> = [
      ['response_type=foo', authzAutoRedirect.responseType],
      ['response_type=foo with prompt=none', authzAutoRedirect.responseTypePromptNone],
      ['unknown scope', authzAutoRedirect.scope],
      ['unknown scope with prompt=none', authzAutoRedirect.scopePromptNone],
    ]
    const bounced = cases.filter(([, flow]) => {
      const { result } = flow.attempt
      return result.kind === 'callback' && !result.sawLogin && !result.sawConsent
    })
    const actual = Object.fromEntries(cases.map(([name, flow]) => [name, describe(flow.attempt.result)]))
    const exchanges = cases.flatMap(([, flow]) => flow.attempt.result.exchanges)
    if (bounced.length === 0)
      return pass('no invalid request was redirected without user interaction', { actual, exchanges })
    return info(
      `redirected to the client without user interaction for: ${bounced.map(([name]) => name).join('; ')} (RFC 6749 §4.1.2.1 behaviour; RFC 9700 §4.11.2 notes the open-redirect risk)`,
      { actual, exchanges },
    )
  },
})
