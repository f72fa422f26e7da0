import { defineCheck } from '../../../harness/check.js'
import { judgeSuccess } from './judge.js'

export default defineCheck({
  id: 'authz.order-insensitive',
  title: 'Parameter order and scope order do not matter',
  area: 'authorization',
  level: 'MUST',
  spec: ['RFC6749-3.3', 'RFC6749-3.1'],
  needs: ['authzOrderInsensitive'],
  coveredBy: { oidf: 'oidcc-alternate-happy-flow (FAPI: ensure-other-scope-order-succeeds)' },
  // RFC 6749 §3.3: scope is "a list of space-delimited, case-sensitive strings. The strings are
  // defined by the authorization server. … their order does not matter".
  evaluate: ({ authzOrderInsensitive }) =>
    judgeSuccess(authzOrderInsensitive, 'the request with its parameters and scope values in reverse order'),
})
