/**
 * The authorization endpoint (RFC 6749 §3.1, §4.1.1; OIDC Core §3.1.2).
 *
 * OIDC Core §3.1.2.1: "Authorization Servers MUST support the use of the HTTP GET and POST
 * methods defined in RFC 2616 at the Authorization Endpoint." A POST's parameters come from the
 * form body and, as in the integration guide's sample, the query string; a name in both counts
 * as repeated (RFC 6749 §3.1). Validation is `authorize/pipeline.ts`; this file decides what the
 * user sees next: the login page, the consent page, or straight back to the client (with
 * `pages.sameUrl`, those pages are served here and their forms post back here).
 */
import { errorRedirect } from '../authorize/authorization-response.js'
import { completeAuthorization, interactionUrl, nowSeconds, withCookies } from '../authorize/front-channel.js'
import { browserBinding, createInteraction } from '../authorize/interaction.js'
import { nextStep } from '../authorize/next-step.js'
import { runPipeline, targetOf } from '../authorize/pipeline.js'
import { currentSession, sessionCookie, startSession } from '../authorize/session.js'
import { unverifiedClientTarget } from '../authorize/unverified-client-target.js'
import { namedBehaviours } from '../behaviours/request-behaviours.js'
import { OAuthError, TemporarilyUnavailable } from '../errors.js'
import type { SetCookie } from '../http/endpoint-result.js'
import { mergeParams, Params } from '../http/params.js'
import { formBody } from '../http/parsed-request.js'
import type { InteractionRecord, SessionRecord } from '../store/records.js'
import { errorPage, errorPageFor } from '../ui/error-page.js'
import { showConsent } from './consent.js'
import type { Endpoint } from './endpoint.js'
import { showLogin } from './login.js'
import { submitPageAtAuthorizationUrl } from './page-submission.js'

export const authorization: Endpoint = async (context) => {
  const { provider, request, issuer, urls, behaviours, directives } = context
  let params: Params
  try {
    const form = request.method === 'POST' ? formBody(request) : undefined
    // pages.sameUrl: the sign-in forms post back here (endpoints/page-submission.ts).
    if (form?.has('interaction') && provider.config.pages.sameUrl) return submitPageAtAuthorizationUrl(context)
    const source = form ? mergeParams(request.query, form) : request.query
    // RFC 6749 §3.1: a repeated parameter is refused (Params, check-repeated-parameters).
    const single = behaviours.enforces('parameters-not-repeated') ? source : firstValues(source)
    params = new Params(single, provider.config.limits.maxParameterLength)
  } catch (error) {
    // The body could not be read, so neither could the client: RFC 6749 §4.1.2.1, no redirect.
    if (error instanceof OAuthError) return errorPageFor(error)
    throw error
  }

  const validated = runPipeline({
    params,
    config: provider.config,
    clients: provider.clients,
    behaviours: behaviours,
  })
  if (!validated.ok) {
    const target = validated.target ?? unverifiedClientTarget(params, provider.clients, behaviours)
    // No trustworthy redirect target: an error page, with the status configured (400, or 403 as some servers answer).
    return target
      ? errorRedirect(target, issuer, validated.error, 302, behaviours)
      : errorPage(validated.error, provider.config.pages.errorPageStatus)
  }
  const { client } = validated
  // Behaviours the request names apply to the whole flow it starts (behaviours/request-behaviours.ts).
  // Where requests may not name any, the refusal goes to the validated client like any other
  // invalid_request (RFC 6749 §4.1.2.1); an unvalidated redirect_uri got the error page above.
  let requested: string[]
  try {
    requested = await namedBehaviours(request, provider.config.allowRequestBehaviours)
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error
    return errorRedirect(targetOf(validated.request), issuer, error, 302, behaviours)
  }
  const named = [...requested, ...(directives.flowBehaviours ?? [])]
  const authz = named.length === 0 ? validated.request : { ...validated.request, behaviours: named }

  const cookies: SetCookie[] = []
  const now = nowSeconds(provider)
  let session: SessionRecord | undefined
  try {
    session = await currentSession(provider, request.cookies)
  } catch (error) {
    // The shared store is away (store/redis-store.ts): the validated client hears it (RFC 6749 §4.1.2.1).
    if (!(error instanceof TemporarilyUnavailable)) throw error
    return errorRedirect(targetOf(authz), issuer, error, 302, behaviours)
  }
  let authenticatedNow = false

  // Headless mode (tests that want no page): login_hint names the user to sign in. It never
  // applies to prompt=none, which must answer from the existing session only.
  // A test's `use({ error })`: the validated request is answered with that error (RFC 6749 §4.1.2.1).
  const injected = directives.authorizationError
  if (injected) return errorRedirect(targetOf(authz), issuer, injected, 302, behaviours)

  // A test's `use({ login })` signs that user in, whatever the session and prompt say.
  const forced = directives.login
  const headlessUser =
    forced !== undefined
      ? provider.users.byUsername(forced)
      : provider.config.headless.loginHint && authz.loginHint !== undefined && !authz.prompt.includes('none')
        ? provider.users.byUsername(authz.loginHint)
        : undefined
  if (headlessUser && session && session.sub !== headlessUser.sub) session = undefined

  let next = nextStep({ request: authz, client, session, now, behaviours })
  if (next.kind === 'login' && headlessUser) {
    session = await startSession(provider, headlessUser.sub, session)
    cookies.push(sessionCookie(provider, issuer, session))
    authenticatedNow = true
    next = nextStep({ request: authz, client, session, now, authenticatedNow, behaviours })
  }

  switch (next.kind) {
    case 'error':
      return withCookies(errorRedirect(targetOf(authz), issuer, next.error, 302, behaviours), cookies)
    case 'issue': {
      const user = { sub: next.session.sub, authTime: next.session.authTime, sessionId: next.session.id }
      return withCookies(await completeAuthorization(context, authz, user, 302), cookies)
    }
    case 'login':
    case 'consent': {
      const browser = browserBinding(provider, issuer, request.cookies)
      if (browser.cookie) cookies.push(browser.cookie)
      let interaction: InteractionRecord
      try {
        interaction = await createInteraction(provider, {
          request: authz,
          stage: next.kind,
          browserId: browser.browserId,
          ...(next.kind === 'consent'
            ? { sub: next.session.sub, authTime: next.session.authTime, sessionId: next.session.id }
            : {}),
        })
      } catch (error) {
        // Too many sign-ins in progress: this request is refused, none in progress is dropped.
        // RFC 6749 §4.1.2.1: temporarily_unavailable is redirected, the client being validated.
        // So is a shared store that is away (StoreUnavailable, a TemporarilyUnavailable too).
        if (!(error instanceof TemporarilyUnavailable)) throw error
        return withCookies(errorRedirect(targetOf(authz), issuer, error, 302, behaviours), cookies)
      }
      if (provider.config.pages.sameUrl) {
        // The page is the answer, at the authorization URL itself; its form posts back here.
        const page = next.kind === 'login' ? showLogin(context, interaction) : showConsent(context, interaction)
        return withCookies(page, cookies)
      }
      const page = next.kind === 'login' ? urls.login : urls.consent
      return { kind: 'redirect', status: 302, location: interactionUrl(page, interaction.id), cookies }
    }
  }
}

/** Each parameter's first non-empty value: what a server that lets repeats through ends up reading. */
function firstValues(source: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams()
  for (const [name, value] of source) if (value !== '' && !out.has(name)) out.append(name, value)
  return out
}
