import { defineCheck, pass } from '../../../harness/check.js'
import { exchangesOf } from './judge.js'

export default defineCheck({
  id: 'authz.pkce-tolerated',
  title: 'A request with a valid S256 code_challenge (and its verifier) succeeds',
  area: 'authorization',
  level: 'MUST',
  spec: ['RFC6749-3.1', 'RFC7636-4'],
  needs: ['happyFlow'],
  coveredBy: { oidf: 'oidcc-ensure-request-with-valid-pkce-succeeds' },
  // RFC 6749 §3.1: "The authorization server MUST ignore unrecognized request parameters", so
  // even a server without PKCE must accept code_challenge. The happy flow always sends S256; if
  // it failed, the run reports an error (the suite could not drive the target), not a pass.
  evaluate: ({ happyFlow }) =>
    pass(
      `the happy flow with code_challenge_method=${happyFlow.attempt.request.params.code_challenge_method ?? 'none'} succeeded`,
      { exchanges: exchangesOf(happyFlow) },
    ),
})
