import { defineCheck } from '../../../harness/check.js'
import { judgeNoRedirect } from './judge.js'

export default defineCheck({
  id: 'authz.client-id-missing',
  title: 'A request without client_id is shown an error page, never redirected',
  area: 'authorization',
  level: 'MUST',
  spec: ['RFC6749-4.1.2.1', 'RFC6749-4.1.1'],
  needs: ['authzClientIdMissing'],
  evaluate: ({ authzClientIdMissing }) => judgeNoRedirect(authzClientIdMissing, '"client_id" was omitted'),
})
