import { defineCheck } from '../../../harness/check.js'
import { judgeNoRedirect } from './judge.js'

export default defineCheck({
  id: 'authz.client-id-unknown',
  title: 'An unknown client_id with an attacker redirect_uri is shown an error page, never redirected',
  area: 'authorization',
  level: 'MUST',
  spec: ['RFC6749-4.1.2.1', 'RFC6749-3.1.2.4'],
  needs: ['authzClientIdUnknown'],
  evaluate: ({ authzClientIdUnknown }) =>
    judgeNoRedirect(authzClientIdUnknown, '"client_id" is not a registered client (open redirector test)'),
})
