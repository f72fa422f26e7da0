/**
 * Every error redirect the authorization scenarios collected, for the checks that judge error
 * responses as a whole (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6, RFC 9207 §2). A scenario the
 * target cannot run is simply left out.
 */

import type { Exchange } from '../../../../reports/run-result.js'
import { scenarioGatherer } from '../../../flows/authorization-scenario.js'
import type { FlowAttempt } from '../../../flows/flow-attempt.js'
import type { EvidenceKey } from '../../../harness/evidence.js'
import type { GatherContext } from '../../../harness/gatherer.js'

export interface ErrorRedirect {
  scenario: string
  /** The state sent, when one was. */
  sentState?: string
  /** Another state that is right too (the Request Object's, which overrides the query's: OIDC Core §6.3.3). */
  alternativeState?: string
  /** The redirect_uri sent (its own query parameters are not "unexpected"). */
  sentRedirectUri?: string
  url: string
  mode: 'query' | 'fragment' | 'form_post'
  params: Record<string, string>
  allParams: Array<[string, string]>
  exchanges: Exchange[]
}

export interface ErrorRedirectsEvidence {
  redirects: ErrorRedirect[]
  /** How many scenarios were looked at. */
  scenarios: number
  issuer: string
  /** `authorization_response_iss_parameter_supported` (RFC 9207 §3). */
  issAdvertised: boolean
}

declare module '../../../harness/evidence.js' {
  interface Evidence {
    authzErrorRedirects: ErrorRedirectsEvidence
  }
}

const SINGLE: EvidenceKey[] = [
  'authzClientIdMissing',
  'authzClientIdUnknown',
  'authzRedirectUnregistered',
  'authzRedirectQueryAdded',
  'authzRedirectQueryMismatch',
  'authzRedirectCodePollution',
  'authzRedirectFragment',
  'authzRedirectMissing',
  'authzDuplicateParam',
  'authzResponseTypeMissing',
  'authzResponseTypeUnknown',
  'authzResponseTypeToken',
  'authzResponseModeUnknown',
  'authzInvalidScope',
  'authzMissingOpenid',
  'authzAccessDenied',
]

async function flowsOf(context: GatherContext): Promise<FlowAttempt[]> {
  const optional = <T>(promise: Promise<T>) => promise.catch(() => undefined)
  const singles = await Promise.all(SINGLE.map((key) => optional(context.need(key) as Promise<unknown>)))
  const [requestObject, autoRedirect] = await Promise.all([
    optional(context.need('authzRequestObject')),
    optional(context.need('authzAutoRedirect')),
  ])
  return [
    ...(singles.filter(Boolean) as FlowAttempt[]),
    ...(requestObject ? [requestObject.requestUri] : []),
    ...(autoRedirect ? [autoRedirect.responseTypePromptNone, autoRedirect.scope, autoRedirect.scopePromptNone] : []),
  ]
}

export function errorRedirectOf(flow: FlowAttempt): ErrorRedirect | undefined {
  const { result, request } = flow.attempt
  if (result.kind !== 'callback' || result.params.error === undefined) return undefined
  const label = result.exchanges[0]?.label.replace(/: authorization request$/, '') ?? 'authorization'
  return {
    scenario: label,
    ...(request.params.state === undefined ? {} : { sentState: request.params.state }),
    ...(request.params.redirect_uri === undefined ? {} : { sentRedirectUri: request.params.redirect_uri }),
    url: result.url,
    mode: result.mode,
    params: result.params,
    allParams: result.allParams,
    exchanges: result.exchanges,
  }
}

export const errorRedirectsGatherer = scenarioGatherer('authzErrorRedirects', async (context) => {
  const { metadata } = await context.need('discovery')
  const flows = await flowsOf(context)
  const requestObject = await context.need('authzRequestObject').catch(() => undefined)
  const objectRedirect = requestObject ? errorRedirectOf(requestObject.request) : undefined
  const redirects = flows.map(errorRedirectOf).filter((redirect): redirect is ErrorRedirect => redirect !== undefined)
  if (objectRedirect && requestObject)
    redirects.push({ ...objectRedirect, alternativeState: requestObject.request.objectState })
  return {
    redirects,
    scenarios: flows.length + (requestObject ? 1 : 0),
    issuer: typeof metadata?.issuer === 'string' ? metadata.issuer : context.target.issuer,
    issAdvertised: metadata?.authorization_response_iss_parameter_supported === true,
  }
})
