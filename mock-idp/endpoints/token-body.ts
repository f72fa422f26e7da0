/**
 * Reading the token request body, including the source document's Content-Type erratum.
 *
 * RFC 6749 §4.1.3: the client makes the request "using the "application/x-www-form-urlencoded"
 * format per Appendix B with a character encoding of UTF-8 in the HTTP request entity-body". The
 * integration guide's sample labels its form-encoded body `Content-Type: application/json`. Strict
 * by default, that is invalid_request; with `errata.acceptJsonContentType` the label is forgiven:
 * the body is read as a form, or — if it really is JSON — as a JSON object of string values.
 */
import { ENFORCE_ALL, type RuleSet } from '../behaviours/rules.js'
import type { MockIdpConfig } from '../config/schema.js'
import { InvalidRequest } from '../errors.js'
import { formBody, type ParsedRequest } from '../http/parsed-request.js'

export function tokenRequestBody(
  request: ParsedRequest,
  config: MockIdpConfig,
  rules: RuleSet = ENFORCE_ALL,
): URLSearchParams {
  // Only reachable with the rule `token-post-only` waived (routing refuses GET otherwise): a
  // server that takes GET reads the parameters from the query.
  if (request.method === 'GET') return request.query
  if (request.contentType === 'application/json' && request.bodyText !== undefined && request.bodyText !== '') {
    if (!config.errata.acceptJsonContentType && rules.enforces('token-form-body')) {
      throw new InvalidRequest(
        'the request body must be application/x-www-form-urlencoded (RFC 6749 §4.1.3), got application/json; ' +
          'to accept the integration guide\'s JSON-labelled form body, set the "errata.acceptJsonContentType" option',
      )
    }
    return request.bodyText.trimStart().startsWith('{')
      ? jsonObjectParams(request.bodyText)
      : new URLSearchParams(request.bodyText)
  }
  return formBody(request)
}

function jsonObjectParams(text: string): URLSearchParams {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new InvalidRequest('the request body is labelled application/json but is neither JSON nor form-encoded')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidRequest('a JSON token request body must be an object of parameters')
  }
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value !== 'string') {
      throw new InvalidRequest(`parameter "${name}" in a JSON token request body must be a string`)
    }
    params.append(name, value)
  }
  return params
}
