/**
 * Behaviours of the authorization endpoint's request validation (RFC 6749 §3.1, §3.1.2, §4.1.1;
 * OIDC Core §3.1.2.1) and of its pages.
 */

import type { EndpointUrls } from '../../endpoint-urls.js'
import { InvalidRequest, InvalidScope } from '../../errors.js'
import type { EndpointResult } from '../../http/endpoint-result.js'
import { behaviours } from '../behaviour.js'

/**
 * The authorization request parameters this server knows: RFC 6749 §4.1.1, OIDC Core §3.1.2.1,
 * §5.5, §6, §7.2.1, RFC 7636 §4.3, Multiple Response Types §2.1, and the mock's own
 * `codeflow_behaviour`.
 */
const KNOWN_PARAMETERS = new Set([
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'response_mode',
  'nonce',
  'display',
  'prompt',
  'max_age',
  'ui_locales',
  'claims_locales',
  'id_token_hint',
  'login_hint',
  'acr_values',
  'claims',
  'request',
  'request_uri',
  'registration',
  'code_challenge',
  'code_challenge_method',
  'codeflow_behaviour',
])

/** A non-empty value (RFC 6749 §3.1: "Parameters sent without a value MUST be treated as if they were omitted"). */
function present(params: URLSearchParams, name: string): boolean {
  return params.getAll(name).some((value) => value !== '')
}

/** An error page with the state added as raw markup (the escaping RFC 6749 §10.14 asks for left out). */
function withReflectedState(result: EndpointResult, state: string): EndpointResult {
  if (result.kind !== 'html' || result.status < 400) return result
  const reflected = `<p class="detail" data-testid="error-state">state: ${state}</p>`
  const html = result.html.includes('</main>')
    ? result.html.replace('</main>', `${reflected}</main>`)
    : `${result.html}${reflected}`
  return { ...result, html }
}

/** The parameters of an authorization response itself (RFC 6749 §4.1.2, §4.1.2.1; RFC 9207). */
const RESPONSE_PARAMETERS = new Set(['code', 'state', 'iss', 'error', 'error_description', 'error_uri'])

function ownPage(location: string, urls: EndpointUrls): boolean {
  return [urls.authorization, urls.login, urls.consent].some((page) => location.startsWith(page))
}

export const authorizationBehaviours = behaviours([
  {
    id: 'redirect-uri-not-checked',
    description: 'Accepts any redirect_uri for a known client and sends the code there.',
    violates: ['RFC6749-3.1.2.3', 'RFC6749-3.1.2.4', 'RFC9700-4.1'],
    level: 'MUST',
    client: 'Nothing a client sees; a client test can only confirm that its own redirect_uri is the one it registered.',
    seam: 'validation',
    waives: 'redirect-uri-exact-match',
  },
  {
    id: 'redirect-uri-prefix-match',
    description: 'Accepts a redirect_uri that merely begins with a registered one (a longer path, an added query).',
    violates: ['RFC9700-4.1', 'RFC6749-3.1.2.3'],
    level: 'MUST',
    client: 'Nothing a client sees; it only makes open redirects and code theft possible for attackers.',
    seam: 'validation',
    waives: 'redirect-uri-no-prefix-match',
  },
  {
    id: 'redirect-uri-query-ignored',
    description: 'Compares redirect_uri with the registered ones without their query components, so any query passes.',
    violates: ['RFC9700-4.1.3', 'RFC9700-2.1'],
    level: 'MUST',
    client:
      'Nothing a client sees; a client should still ignore (and never use) an unexpected second "code" in its callback.',
    seam: 'validation',
    waives: 'redirect-uri-query-compared',
  },
  {
    id: 'redirect-uri-case-insensitive',
    description: 'Compares redirect_uri with the registered ones ignoring upper and lower case.',
    violates: ['RFC9700-4.1'],
    level: 'MUST',
    client: 'Nothing a client sees; register and send redirect URIs in exactly one spelling.',
    seam: 'validation',
    waives: 'redirect-uri-case-sensitive',
  },
  {
    id: 'redirect-uri-fragment-accepted',
    description:
      'Accepts a registered redirect_uri with a "#fragment" appended (and redirects to the registered URI without it).',
    violates: ['RFC6749-3.1.2'],
    level: 'MUST',
    client: 'Nothing a client sees; never send a redirect_uri with a fragment component (RFC 6749 §3.1.2).',
    seam: 'validation',
    waives: 'redirect-uri-no-fragment',
  },
  {
    id: 'redirect-uri-defaulted',
    description:
      'Uses the client’s first registered redirect URI when an OpenID Connect request omits redirect_uri (even with several registered).',
    violates: ['RFC6749-3.1.2.3'],
    level: 'MUST',
    client: 'Always send redirect_uri: it is REQUIRED in OpenID Connect requests (OIDC Core §3.1.2.1).',
    seam: 'validation',
    waives: 'redirect-uri-required',
  },
  {
    id: 'unknown-client-redirected',
    description:
      'Redirects the error for an unknown client_id to the unvalidated redirect_uri of the request (an open redirector).',
    violates: ['RFC6749-3.1.2.4'],
    level: 'MUST',
    client:
      'Nothing to do for a correctly registered client; never trust an error response for a request your client did not send (check state).',
    seam: 'validation',
    waives: 'unknown-client-not-redirected',
  },
  {
    id: 'missing-client-id-redirected',
    description: 'Redirects the error for a request without client_id to the redirect_uri the request names.',
    violates: ['RFC6749-4.1.1'],
    level: 'MUST',
    client: 'Nothing to do for a client that sends client_id; reject an error response whose state you never issued.',
    seam: 'validation',
    waives: 'missing-client-not-redirected',
  },
  {
    id: 'duplicate-parameter-accepted',
    description: 'Accepts authorization request parameters that appear more than once, using the first value.',
    violates: ['RFC6749-3.1'],
    level: 'MUST',
    client: 'Nothing a client sees; send every parameter once (RFC 6749 §3.1).',
    seam: 'validation',
    waives: 'parameters-not-repeated',
  },
  {
    id: 'response-type-missing-accepted',
    description: 'Treats an authorization request without response_type as response_type=code and issues a code.',
    violates: ['RFC6749-3.1.1'],
    level: 'MUST',
    client: 'Nothing a client sees; always send response_type=code.',
    seam: 'validation',
    waives: 'response-type-required',
  },
  {
    id: 'response-type-unknown-accepted',
    description: 'Treats any response_type it does not understand as "code" and issues a code.',
    violates: ['RFC6749-3.1.1'],
    level: 'MUST',
    client:
      'Never expect a code for another response type; a client that asked for "token" and got a code should not redeem it.',
    seam: 'validation',
    waives: 'response-type-understood',
  },
  {
    id: 'request-object-ignored',
    description:
      'Silently ignores the request and request_uri parameters instead of refusing them as unsupported, and answers from the plain query.',
    violates: ['OIDCC-6'],
    level: 'MUST',
    client:
      'A client that relies on a Request Object must check request_parameter_supported first; the values outside it are what this server used.',
    seam: 'validation',
    waives: 'request-object-refused',
  },
  {
    id: 'code-in-fragment',
    description: 'Delivers the authorization response in the fragment when no response_mode was requested.',
    violates: ['OIDCC-3.1.2.5'],
    level: 'MUST',
    client:
      'A client reading the query finds no code and should fail with a clear message; it must not fall back to reading tokens from the fragment.',
    seam: 'validation',
    waives: 'response-mode-default-query',
  },
  {
    id: 'redirect-uri-query-dropped',
    description:
      "Drops the query of the client's registered redirect URI (e.g. ?tenant=acme) when it adds code and state.",
    violates: ['RFC6749-3.1.2'],
    level: 'MUST',
    client:
      'A client that relies on its registered query (a tenant, a flow id) must fail the callback clearly when that query is missing, not guess.',
    seam: 'response',
    endpoints: ['authorization', 'login', 'consent'],
    apply: (result, { urls }) => {
      if (result.kind !== 'redirect' || ownPage(result.location, urls)) return result
      const url = new URL(result.location)
      for (const name of [...url.searchParams.keys()]) if (!RESPONSE_PARAMETERS.has(name)) url.searchParams.delete(name)
      return { ...result, location: url.href }
    },
  },
  {
    id: 'form-post-answered-in-query',
    description: 'Answers response_mode=form_post with an ordinary query redirect.',
    violates: ['OAUTHFP-2'],
    level: 'MUST',
    client:
      'A client that asked for form_post should accept the response only at its POST callback and reject a code arriving in the query.',
    seam: 'validation',
    waives: 'response-mode-honoured',
  },
  {
    id: 'error-description-raw',
    description:
      'Puts error descriptions into error redirects unfiltered, with characters RFC 6749 does not allow there (the double quote, "§").',
    violates: ['RFC6749-4.1.2.1'],
    level: 'MUST',
    client:
      'Treat error_description as untrusted display text: decode it leniently and escape it before showing it to anyone.',
    seam: 'validation',
    waives: 'error-description-charset',
  },
  {
    id: 'unknown-parameter-refused',
    description: 'Refuses authorization requests that carry a parameter it does not know.',
    violates: ['RFC6749-3.1'],
    level: 'MUST',
    client: 'Nothing to fix in the client; the server "MUST ignore unrecognized request parameters" (RFC 6749 §3.1).',
    seam: 'request',
    endpoints: ['authorization'],
    apply: (_context, params) => {
      const unknown = [...new Set(params.keys())].filter((name) => !KNOWN_PARAMETERS.has(name))
      return unknown.length === 0
        ? undefined
        : new InvalidRequest(`unrecognized parameter(s): ${unknown.map((name) => `"${name}"`).join(', ')}`)
    },
  },
  {
    id: 'empty-parameter-refused',
    description: 'Refuses authorization requests with a parameter that has an empty value (e.g. "ui_locales=").',
    violates: ['RFC6749-3.1'],
    level: 'MUST',
    client: 'Leave out parameters you have no value for; the server should treat them as omitted (RFC 6749 §3.1).',
    seam: 'request',
    endpoints: ['authorization'],
    apply: (_context, params) => {
      const empty = [...params].filter(([, value]) => value === '').map(([name]) => name)
      return empty.length === 0
        ? undefined
        : new InvalidRequest(`parameter(s) without a value: ${empty.map((name) => `"${name}"`).join(', ')}`)
    },
  },
  {
    id: 'display-refused',
    description: 'Refuses authorization requests carrying the display parameter.',
    violates: ['OIDCC-15.1'],
    level: 'MUST',
    client:
      'Nothing to fix in the client; display is an optional hint an OP that does not support it ignores (OIDC Core §3.1.2.1).',
    seam: 'request',
    endpoints: ['authorization'],
    apply: (_context, params) =>
      present(params, 'display') ? new InvalidRequest('the "display" parameter is not supported') : undefined,
  },
  {
    id: 'claims-parameter-refused',
    description: 'Refuses authorization requests carrying the claims parameter instead of ignoring it.',
    violates: ['OIDCC-5.5'],
    level: 'MUST',
    client:
      'Retry without claims only as a workaround; an OP that does not support the claims parameter ignores it (OIDC Core §5.5, RFC 6749 §3.1).',
    seam: 'request',
    endpoints: ['authorization'],
    apply: (_context, params) =>
      present(params, 'claims') ? new InvalidRequest('the "claims" parameter is not supported') : undefined,
  },
  {
    id: 'authorization-post-refused',
    description: 'Refuses authorization requests sent as a form POST; only GET works.',
    violates: ['OIDCC-3.1.2.1'],
    level: 'MUST',
    client: 'Use GET for the authorization request if you must support this server; OpenID Providers MUST accept POST.',
    seam: 'request',
    endpoints: ['authorization'],
    apply: ({ request }) =>
      request.method === 'POST'
        ? new InvalidRequest('the authorization endpoint accepts only GET requests')
        : undefined,
  },
  {
    id: 'scope-order-sensitive',
    description: 'Refuses scope values unless "openid" comes first.',
    violates: ['RFC6749-3.3'],
    level: 'MUST',
    client: 'Nothing to fix in the client: "the order does not matter" for scope values (RFC 6749 §3.3).',
    seam: 'request',
    endpoints: ['authorization'],
    apply: (_context, params) => {
      const scopes = (params.get('scope') ?? '').split(' ').filter((scope) => scope !== '')
      return scopes.includes('openid') && scopes[0] !== 'openid'
        ? new InvalidScope('"scope" must start with "openid"')
        : undefined
    },
  },
  {
    id: 'nonce-required',
    description: 'Refuses code-flow authorization requests that carry no nonce.',
    violates: ['OIDCC-15.5.2'],
    level: 'MUST',
    client:
      'Sending a nonce is good practice anyway; the server is wrong to require it in the code flow (OIDC Core §3.1.2.1: nonce OPTIONAL).',
    seam: 'request',
    endpoints: ['authorization'],
    apply: (_context, params) =>
      present(params, 'nonce') ? undefined : new InvalidRequest('"nonce" parameter is missing'),
  },
  {
    id: 'access-token-in-front-channel',
    description: 'Adds an access_token to the successful authorization response of the code flow.',
    violates: ['OIDCC-3.1.2.5'],
    level: 'MUST',
    client:
      'Ignore (never use or log) tokens that arrive in the authorization response of the code flow; take them from the token endpoint only.',
    seam: 'authorization-response',
    apply: (fields, { outcome }) => {
      if (outcome !== 'success') return fields
      const code = fields.find(([name]) => name === 'code')?.[1] ?? ''
      return [...fields, ['access_token', `front-channel-${code}`]]
    },
  },
  {
    id: 'access-denied-without-error',
    description: 'When the user refuses, redirects back with only state and iss, leaving out error=access_denied.',
    violates: ['RFC6749-4.1.2.1'],
    level: 'MUST',
    client:
      'Treat a callback with neither code nor error as a failed authorization, never as success, and tell the user sign-in did not complete.',
    seam: 'authorization-response',
    apply: (fields) =>
      fields.some(([name, value]) => name === 'error' && value === 'access_denied')
        ? fields.filter(([name]) => name !== 'error' && name !== 'error_description')
        : fields,
  },
  {
    id: 'redirect-307-after-login',
    description:
      'Answers the login or consent form POST that completes the flow with HTTP 307 to the client instead of 303.',
    violates: ['RFC9700-4.12'],
    level: 'MUST',
    client:
      'A client cannot prevent it; one that receives a POST with form fields at its redirect URI must discard the body and never log it.',
    seam: 'response',
    endpoints: ['login', 'consent'],
    // Only the redirect that leaves the server: a 307 to its own next page would re-post the form there.
    apply: (result, { request, urls }) =>
      result.kind === 'redirect' && request.method === 'POST' && !ownPage(result.location, urls)
        ? {
            kind: 'empty',
            status: 307,
            headers: { ...result.headers, Location: result.location, 'Cache-Control': 'no-store' },
            ...(result.cookies ? { cookies: result.cookies } : {}),
          }
        : result,
  },
  {
    id: 'pages-frameable',
    description: 'Serves the login and consent pages without X-Frame-Options DENY and without CSP frame-ancestors.',
    violates: ['RFC6749-10.13'],
    level: 'SHOULD',
    client: 'Nothing a client sees; the user can be tricked into signing in inside a hidden frame (clickjacking).',
    seam: 'response',
    endpoints: ['login', 'consent'],
    apply: (result) =>
      result.kind === 'html'
        ? {
            ...result,
            headers: {
              ...result.headers,
              'X-Frame-Options': 'ALLOWALL',
              'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:",
            },
          }
        : result,
  },
  {
    id: 'state-reflected-unescaped',
    description: 'Shows the request’s state on authorization error pages without HTML escaping.',
    violates: ['RFC6749-10.14'],
    level: 'SHOULD',
    client: 'Nothing a client sees; it is a cross-site scripting hole on the authorization server.',
    seam: 'response',
    endpoints: ['authorization'],
    apply: (result, { request }) => {
      const state = request.query.get('state')
      return state ? withReflectedState(result, state) : result
    },
  },
])
