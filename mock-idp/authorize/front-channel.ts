/**
 * Pieces shared by the front-channel endpoints (authorization, login, consent): errors shown as
 * pages, loading an interaction from a page request, the CSRF double-submit check, and
 * finishing an authorization with a code.
 */
import { epochSeconds } from '../clock.js'
import type { Endpoint } from '../endpoints/endpoint.js'
import { OAuthError, TemporarilyUnavailable } from '../errors.js'
import type { EndpointResult } from '../http/endpoint-result.js'
import { Params } from '../http/params.js'
import type { Provider } from '../provider.js'
import type { RequestContext } from '../request-context.js'
import type { AuthorizationRequest, InteractionRecord } from '../store/records.js'
import { errorPage, errorPageFor, type PageError } from '../ui/error-page.js'
import { errorRedirect, type RedirectStatus, successResponse } from './authorization-response.js'
import { BROWSER_COOKIE, csrfValid, loadInteraction, type TokenPurpose } from './interaction.js'
import { issueCode } from './issue-code.js'
import { targetOf } from './pipeline.js'

/** A problem that ends a page request with an error page (not an OAuth error: the client is not told). */
export class PageProblem extends Error {
  constructor(
    readonly page: PageError,
    readonly status = 400,
  ) {
    super(page.description)
  }
}

/** Front-channel endpoints answer people, not clients: every expected failure is an HTML page. */
export function asPage(endpoint: Endpoint): Endpoint {
  return async (context) => {
    try {
      return await endpoint(context)
    } catch (error) {
      if (error instanceof PageProblem) return errorPage(error.page, error.status)
      if (error instanceof OAuthError && error.status < 500) return errorPageFor(error)
      // A full store budget, or a shared store that is away: 503 with Retry-After, as a page.
      if (error instanceof TemporarilyUnavailable) return { ...errorPage(error, 503), headers: error.headers }
      throw error
    }
  }
}

/** The path of an absolute endpoint URL, for form actions (the page and its form share an origin). */
export function pathOf(url: string): string {
  return new URL(url).pathname
}

export function interactionUrl(endpoint: string, id: string): string {
  return `${endpoint}?interaction=${encodeURIComponent(id)}`
}

/** The parameters of a page request: the query for GET, the form body for POST. */
export function pageParams({ provider, request }: RequestContext, form: URLSearchParams | undefined): Params {
  return new Params(form ?? request.query, provider.config.limits.maxParameterLength)
}

/** The interaction a page request names, or an error page saying why it cannot continue. */
export async function requireInteraction(context: RequestContext, params: Params): Promise<InteractionRecord> {
  const { provider } = context
  const id = params.get('interaction')
  if (id === undefined) {
    throw new PageProblem({
      error: 'invalid_request',
      description: '"interaction" parameter is missing.',
      help: 'This page is part of a sign-in that starts at the authorization endpoint. Go back to the application and sign in from there.',
    })
  }
  const record = await loadInteraction(context, id)
  if (!record) {
    throw new PageProblem({
      error: 'invalid_request',
      description: `This sign-in page has expired or is unknown (interaction "${id}").`,
      help: `Sign-in pages stay valid for ${provider.config.interactionTtl} seconds and can be used once. Go back to the application and sign in again.`,
    })
  }
  return record
}

/**
 * The CSRF double submit: the browser cookie set at the authorization redirect plus the form's
 * token (`csrf`, or the field a purpose-bound token travels in, e.g. a deny link's `deny_token`).
 */
export function requireCsrf(
  context: RequestContext,
  record: InteractionRecord,
  params: Params,
  { field = 'csrf', purpose }: { field?: string; purpose?: TokenPurpose } = {},
): void {
  const cookie = context.request.cookies[BROWSER_COOKIE]
  if (csrfValid(context.provider.secret, record, cookie, params.get(field), purpose)) return
  const host = new URL(context.issuer).host
  throw new PageProblem(
    {
      error: 'invalid_request',
      description:
        cookie === undefined
          ? `This form could not be verified: the browser did not send the "${BROWSER_COOKIE}" cookie. Cookies may be blocked for ${host}, or the sign-in was started in another browser.`
          : 'This form could not be verified: it has expired, or it was opened in another browser or tab than the one that started the sign-in.',
      help: `Allow cookies for ${host}, then go back to the application and start the sign-in again. For automated clients: keep cookies (a cookie jar) from the authorization request on, and send the "interaction" and "${field}" values of the form or link you were given unchanged.`,
    },
    403,
  )
}

/** Issues the code and sends the authorization response (RFC 6749 §4.1.2). */
export async function completeAuthorization(
  context: RequestContext,
  request: AuthorizationRequest,
  user: { sub: string; authTime: number; sessionId?: string },
  status: RedirectStatus,
): Promise<EndpointResult> {
  const { issuer, behaviours } = context
  let code: string
  try {
    code = await issueCode(context, { request, ...user })
  } catch (error) {
    // The codes budget is full: codes already issued stay redeemable, this one is not issued, and
    // the client hears why (RFC 6749 §4.1.2.1 temporarily_unavailable) instead of meeting an
    // invalid_grant later. The user stays signed in, so a retry needs no new login.
    if (!(error instanceof TemporarilyUnavailable)) throw error
    return errorRedirect(targetOf(request), issuer, error, status, behaviours)
  }
  return successResponse(targetOf(request), issuer, code, status, behaviours)
}

export function nowSeconds(provider: Provider): number {
  return epochSeconds(provider.clock)
}

/** Adds cookies to a result without losing any it already sets. */
export function withCookies(result: EndpointResult, cookies: EndpointResult['cookies']): EndpointResult {
  if (!cookies || cookies.length === 0) return result
  return { ...result, cookies: [...(result.cookies ?? []), ...cookies] }
}
