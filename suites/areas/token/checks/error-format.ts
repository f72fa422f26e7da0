import type { CallResult } from '../../../flows/token-calls.js'
import { defineCheck, fail, pass, warn } from '../../../harness/check.js'
import { tokenErrorResponses } from './error-responses.js'
import { ERROR_CHARSET, errorCode, REGISTERED_TOKEN_ERRORS } from './token-errors.js'

/** RFC 6749 §5.2: error_uri = URI-reference, %x21 / %x23-5B / %x5D-7E. */
const ERROR_URI_CHARSET = /^[\x21\x23-\x5B\x5D-\x7E]+$/

export default defineCheck({
  id: 'token.error-format',
  title: 'Token endpoint errors are 400 (401 only for invalid_client) JSON with a registered error code',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-5.2', 'OIDCC-3.1.3.4'],
  needs: ['tokenGrantErrors', 'tokenRequestFormat', 'tokenRedirectUri', 'tokenClientAuth'],
  coveredBy: {
    oidf: 'CheckTokenEndpointHttpStatus400, CheckTokenEndpointReturnedJsonContentType, ValidateErrorFromTokenEndpointResponseError, ValidateErrorDescriptionFromTokenEndpointResponseError, ValidateErrorUriFromTokenEndpointResponseError',
  },
  evaluate: (evidence) => {
    const errors = tokenErrorResponses(evidence)
    const failures: string[] = []
    const warnings: string[] = []
    const bad: CallResult[] = []
    for (const { what, call } of errors) {
      const before = failures.length + warnings.length
      const error = errorCode(call)
      // RFC 6749 §5.2: "The authorization server responds with an HTTP 400 (Bad Request) status
      // code (unless specified otherwise) … The parameters are included in the entity-body of the
      // HTTP response using the "application/json" media type".
      if (call.contentType !== 'application/json')
        failures.push(`${what}: Content-Type "${call.contentType ?? 'absent'}", not application/json`)
      if (error === undefined) failures.push(`${what}: no "error" member`)
      else {
        // §5.2: "Values for the "error" parameter MUST NOT include characters outside the set %x20-21 / %x23-5B / %x5D-7E."
        if (!ERROR_CHARSET.test(error))
          failures.push(`${what}: "error" has characters outside %x20-21 / %x23-5B / %x5D-7E`)
        else if (!REGISTERED_TOKEN_ERRORS.has(error))
          warnings.push(`${what}: error="${error}" is not a registered error code`)
        // §5.2: invalid_client "MAY return an HTTP 401"; every other error is 400.
        const statuses = error === 'invalid_client' ? [400, 401] : [400]
        if (!statuses.includes(call.status))
          failures.push(`${what}: error="${error}" with HTTP ${call.status}, not ${statuses.join(' or ')}`)
      }
      const description = call.body?.error_description
      if (description !== undefined && (typeof description !== 'string' || !ERROR_CHARSET.test(description)))
        failures.push(`${what}: "error_description" has characters outside %x20-21 / %x23-5B / %x5D-7E`)
      const uri = call.body?.error_uri
      if (uri !== undefined && (typeof uri !== 'string' || !ERROR_URI_CHARSET.test(uri)))
        failures.push(`${what}: "error_uri" is not a URI-reference of %x21 / %x23-5B / %x5D-7E`)
      if (failures.length + warnings.length > before) bad.push(call)
    }
    const exchanges = (bad.length > 0 ? bad : errors.map((e) => e.call)).map((call) => call.exchange)
    const actual = errors.map(
      ({ what, call }) => `${what}: HTTP ${call.status} ${call.contentType ?? ''} error=${errorCode(call) ?? '(none)'}`,
    )
    if (failures.length > 0)
      return fail(failures.join('; '), { expected: 'RFC 6749 §5.2 error responses', actual, exchanges })
    if (warnings.length > 0) return warn(warnings.join('; '), { actual, exchanges })
    return pass(`${errors.length} error responses judged`, { actual, exchanges })
  },
})
