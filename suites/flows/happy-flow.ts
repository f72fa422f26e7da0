/**
 * The happy flow, once per run, with the primary client: PKCE S256, state and nonce, form login
 * and consent, code exchange, ID token, UserInfo. Most checks judge this one exchange.
 */

import { defineGatherer } from '../harness/gatherer.js'
import { type CompletedFlow, completeFlow } from './code-flow.js'

declare module '../harness/evidence.js' {
  interface Evidence {
    happyFlow: CompletedFlow
  }
}

export const happyFlowGatherer = defineGatherer({
  id: 'happy-flow',
  provides: ['happyFlow'],
  gather: async (context) => ({ happyFlow: await completeFlow(context, { label: 'happy flow' }) }),
})
