import type { FlowAttempt } from '../../../flows/flow-attempt.js'
import { defineCheck, fail, pass, warn } from '../../../harness/check.js'
import { describe, summary } from './judge.js'

function errorOf(flow: FlowAttempt): string | undefined {
  const { result } = flow.attempt
  return result.kind === 'callback' ? result.params.error : undefined
}

export default defineCheck({
  id: 'authz.request-object',
  title: 'An unsigned request / a request_uri is processed correctly or refused as unsupported',
  area: 'authorization',
  level: 'MUST',
  spec: ['OIDCC-6', 'OIDCC-6.3.3', 'OIDCC-3.1.2.6'],
  needs: ['authzRequestObject'],
  coveredBy: {
    oidf: 'oidcc-unsigned-request-object-supported-correctly-or-rejected-as-unsupported, oidcc-request-uri-unsigned-supported-correctly-or-rejected-as-unsupported',
    oauch: 'AuthEndpoint.IsJarSupportedTest',
  },
  evaluate: ({ authzRequestObject: { request, requestUri, metadata } }) => {
    const problems: string[] = []
    const notes: string[] = []
    const noneAllowed =
      Array.isArray(metadata.requestObjectSigningAlgs) && metadata.requestObjectSigningAlgs.includes('none')
    // "request": processed, with the Request Object's values winning (OIDC Core §6.3.3: "If the
    // same parameter exists both in the Request Object and the OAuth Authorization Request
    // parameters, the parameter in the Request Object is used"), or request_not_supported (§3.1.2.6).
    const requestResult = request.attempt.result
    const requestError = errorOf(request)
    if (requestResult.kind === 'callback' && requestResult.params.code !== undefined) {
      if (requestResult.params.state === request.queryState)
        problems.push('"request" was processed, but the query\'s "state" won over the Request Object\'s')
      else if (requestResult.params.state !== request.objectState)
        problems.push('"request" was processed, but the Request Object\'s "state" did not come back')
      else notes.push('"request" processed; the Request Object\'s values won')
    } else if (
      requestError === 'request_not_supported' ||
      (requestError === 'invalid_request_object' && !noneAllowed)
    ) {
      notes.push(`"request" refused with ${requestError}`)
      if (metadata.requestParameterSupported === true)
        problems.push('discovery says request_parameter_supported: true, yet "request" was refused')
    } else if (requestResult.kind === 'page') notes.push(`"request": ${describe(requestResult)}`)
    else problems.push(`"request": ${describe(requestResult)} (expected processing or request_not_supported)`)
    // "request_uri": the suite cannot host a Request Object the server can fetch, so a server
    // that supports request_uri answers invalid_request_uri; request_uri_not_supported otherwise.
    const uriResult = requestUri.attempt.result
    const uriError = errorOf(requestUri)
    if (uriError === 'request_uri_not_supported' || uriError === 'invalid_request_uri')
      notes.push(`"request_uri" refused with ${uriError}`)
    else if (uriResult.kind === 'page') notes.push(`"request_uri": ${describe(uriResult)}`)
    else if (uriResult.kind === 'callback' && uriResult.params.code !== undefined)
      problems.push('a code was issued for a request_uri that cannot be fetched')
    else
      problems.push(`"request_uri": ${describe(uriResult)} (expected request_uri_not_supported or invalid_request_uri)`)
    const actual = { request: summary(requestResult), request_uri: summary(uriResult) }
    const exchanges = [...requestResult.exchanges, ...uriResult.exchanges]
    const mustProblems = ['code was issued', 'won over', 'did not come back']
    if (problems.some((problem) => mustProblems.some((text) => problem.includes(text))))
      return fail(problems.join('; '), { actual, exchanges })
    if (problems.length > 0) return warn(problems.join('; '), { actual, exchanges })
    return pass(notes.join('; '), { actual, exchanges })
  },
})
