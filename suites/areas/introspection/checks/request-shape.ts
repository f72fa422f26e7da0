/** intr.request-shape — RFC 7662 §2.1: a form POST with `token`; GET and JSON bodies are refused. */
import { defineCheck } from '../../../harness/check.js'
import { judgeRequestShape, missingToken } from '../../revocation/checks/request-shape.js'

export default defineCheck({
  id: 'intr.request-shape',
  title: 'Introspection requests that are not a form POST with "token" are refused',
  area: 'introspection',
  level: 'MUST',
  spec: ['RFC7662-2.1'],
  needs: ['introspection'],
  errorCodes: [missingToken],
  // RFC 7662 §2.1: "The protected resource calls the introspection endpoint using an HTTP POST
  // request with parameters sent as "application/x-www-form-urlencoded" data"; "token REQUIRED".
  evaluate: ({ introspection }) =>
    judgeRequestShape(introspection.requestShape, { endpoint: 'introspection', judgeEffect: false }),
})
