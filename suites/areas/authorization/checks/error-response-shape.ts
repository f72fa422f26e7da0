import { defineCheck, fail, pass, skip, warn } from '../../../harness/check.js'
import type { ErrorRedirect } from '../gather/authorization-error-redirects.js'
import { AUTHORIZATION_ERROR_CODES, ERROR_CHARSET, ERROR_RESPONSE_PARAMS, ERROR_URI_CHARSET } from './error-codes.js'

interface Problem {
  scenario: string
  problem: string
  severity: 'fail' | 'warn'
}

function registeredQueryNames(uri: string | undefined): string[] {
  if (!uri) return []
  try {
    return [...new URL(uri).searchParams.keys()]
  } catch {
    return []
  }
}

export function problemsOf(redirect: ErrorRedirect, issuer: string, issAdvertised: boolean): Problem[] {
  const problems: Problem[] = []
  const add = (problem: string, severity: 'fail' | 'warn' = 'fail') =>
    problems.push({ scenario: redirect.scenario, problem, severity })
  const { params, allParams } = redirect
  const error = params.error ?? ''
  // RFC 6749 §4.1.2.1: "Values for the "error" parameter MUST NOT include characters outside the set %x20-21 / %x23-5B / %x5D-7E."
  if (!ERROR_CHARSET.test(error))
    add(`"error" has characters outside %x20-21 / %x23-5B / %x5D-7E: ${JSON.stringify(error)}`)
  else if (!(AUTHORIZATION_ERROR_CODES as readonly string[]).includes(error))
    add(
      `"error" "${error}" is not an authorization-endpoint error code of RFC 6749 §4.1.2.1 or OIDC Core §3.1.2.6`,
      'warn',
    )
  const description = params.error_description
  if (description !== undefined && !ERROR_CHARSET.test(description))
    add(`"error_description" has characters outside %x20-21 / %x23-5B / %x5D-7E: ${JSON.stringify(description)}`)
  const errorUri = params.error_uri
  if (errorUri !== undefined && !ERROR_URI_CHARSET.test(errorUri))
    add(`"error_uri" has characters outside %x21 / %x23-5B / %x5D-7E: ${JSON.stringify(errorUri)}`)
  // RFC 6749 §4.1.2.1 state: "REQUIRED if a "state" parameter was present in the client
  // authorization request. The exact value received from the client."
  if (redirect.sentState !== undefined) {
    if (
      params.state === undefined ||
      (params.state !== redirect.sentState && params.state !== redirect.alternativeState)
    )
      add(params.state === undefined ? '"state" is missing' : '"state" differs from the value sent')
  } else if (params.state !== undefined) add('"state" is present although none was sent')
  if (params.code !== undefined) add('an error response carries a "code"')
  // RFC 9207 §2: "the authorization server MUST … add the iss parameter" when it advertises support.
  if (params.iss === undefined) {
    if (issAdvertised) add('"iss" is missing although authorization_response_iss_parameter_supported is true')
  } else if (params.iss !== issuer) add(`"iss" "${params.iss}" is not the issuer "${issuer}"`)
  // RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than once."
  const names = allParams.map(([name]) => name)
  const repeated = [...new Set(names.filter((name, index) => names.indexOf(name) !== index))]
  const ownQuery = registeredQueryNames(redirect.sentRedirectUri)
  for (const name of repeated.filter((name) => !ownQuery.includes(name))) add(`"${name}" appears more than once`)
  const unexpected = [...new Set(names)].filter(
    (name) => !ERROR_RESPONSE_PARAMS.includes(name) && !ownQuery.includes(name),
  )
  if (unexpected.length > 0)
    add(`unexpected parameters in the error response: ${unexpected.map((name) => `"${name}"`).join(', ')}`, 'warn')
  return problems
}

export default defineCheck({
  id: 'authz.error-response-shape',
  title:
    'Every error redirect has a registered error code, legal characters, the state, iss (if advertised) and no code',
  area: 'authorization',
  level: 'MUST',
  spec: ['RFC6749-4.1.2.1', 'OIDCC-3.1.2.6', 'RFC9207-2'],
  needs: ['authzErrorRedirects'],
  coveredBy: {
    oidf: 'performGenericAuthorizationEndpointErrorResponseValidation (CheckStateInAuthorizationResponse, ValidateIssIfPresentInAuthorizationResponse, EnsureErrorFromAuthorizationEndpointResponse, RejectAuthCodeInAuthorizationEndpointResponse, ValidateErrorDescriptionFromAuthorizationEndpointResponseError, ValidateErrorUriFromAuthorizationEndpointResponseError; CheckForUnexpectedParametersInErrorResponseFromAuthorizationEndpoint WARN)',
  },
  evaluate: ({ authzErrorRedirects: evidence }) => {
    const { redirects, issuer, issAdvertised } = evidence
    if (redirects.length === 0)
      return skip(`none of the ${evidence.scenarios} error scenarios ended in an error redirect (all were error pages)`)
    const problems = redirects.flatMap((redirect) => problemsOf(redirect, issuer, issAdvertised))
    const judged = redirects.filter((redirect) => problems.some((problem) => problem.scenario === redirect.scenario))
    const exchanges = judged.flatMap((redirect) => redirect.exchanges)
    const actual = problems.map((problem) => `${problem.scenario}: ${problem.problem}`)
    const failures = problems.filter((problem) => problem.severity === 'fail')
    if (failures.length > 0)
      return fail(
        `${failures.length} problem(s) in ${redirects.length} error redirects: ${failures[0]!.scenario}: ${failures[0]!.problem}`,
        {
          actual,
          exchanges,
        },
      )
    // What is left is allowed (an extension error code, RFC 6749 §8.5; an extension parameter,
    // §8.2), just unusual: a MUST check's warning, not a broken SHOULD.
    if (problems.length > 0)
      return warn(
        `${problems.length} unusual detail(s) the specs allow: ${problems[0]!.scenario}: ${problems[0]!.problem}`,
        {
          actual,
          exchanges,
        },
      )
    return pass(`${redirects.length} error redirects are well-formed`, {
      actual: redirects.map((redirect) => `${redirect.scenario}: error=${redirect.params.error}`),
    })
  },
})
