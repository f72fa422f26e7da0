/** Behaviours of the token endpoint: request and response format (RFC 6749 §3.2, §4.1.3, §5). */
import { InvalidRequest } from '../../errors.js'
import type { EndpointResult } from '../../http/endpoint-result.js'
import { behaviours } from '../behaviour.js'
import { withoutCacheHeaders } from '../result-edits.js'

/** The parameters of the token requests this mock serves (RFC 6749 §4.1.3, §6, §2.3.1; RFC 7636 §4.5). */
const KNOWN_PARAMETERS = new Set([
  'grant_type',
  'code',
  'redirect_uri',
  'client_id',
  'client_secret',
  'code_verifier',
  'refresh_token',
  'scope',
  'codeflow_behaviour',
])

const isTokenSuccess = (result: EndpointResult) =>
  result.kind === 'json' &&
  result.status === 200 &&
  typeof (result.body as { access_token?: unknown })?.access_token === 'string'

const isError = (result: EndpointResult) => result.kind === 'json' && result.status >= 400

function withoutMember(result: EndpointResult, member: string): EndpointResult {
  if (result.kind !== 'json' || !isTokenSuccess(result)) return result
  const { [member]: _dropped, ...body } = result.body as Record<string, unknown>
  return { ...result, body }
}

export const tokenBehaviours = behaviours([
  {
    id: 'token-get-accepted',
    description: 'Serves code exchanges sent as GET, reading the parameters from the URL query.',
    violates: ['RFC6749-3.2'],
    level: 'MUST',
    client: 'Nothing a client sees; always POST to the token endpoint so that codes and secrets stay out of URLs.',
    seam: 'validation',
    waives: 'token-post-only',
  },
  {
    id: 'token-json-body-accepted',
    description: 'Reads a token request sent as a JSON body (Content-Type: application/json) as if it were a form.',
    violates: ['RFC6749-B', 'RFC6749-4.1.3'],
    level: 'MUST',
    client: 'Nothing a client sees; send the token request as application/x-www-form-urlencoded.',
    seam: 'validation',
    waives: 'token-form-body',
  },
  {
    id: 'token-repeated-param-accepted',
    description: 'Accepts a token request with a repeated parameter, using its first value.',
    violates: ['RFC6749-3.2', 'RFC6749-5.2'],
    level: 'MUST',
    client: 'Nothing a client sees; send each parameter once.',
    seam: 'validation',
    waives: 'token-parameters-once',
  },
  {
    id: 'token-unknown-param-refused',
    description: 'Refuses a token request that carries a parameter it does not recognise with invalid_request.',
    violates: ['RFC6749-3.2'],
    level: 'MUST',
    client: 'Report the invalid_request; a client that adds extension parameters cannot redeem its code here.',
    seam: 'request',
    endpoints: ['token'],
    apply: (_context, params) => {
      const unknown = [...new Set(params.keys())].filter((name) => !KNOWN_PARAMETERS.has(name))
      return unknown.length > 0
        ? new InvalidRequest(`unrecognized parameter ${unknown.map((name) => `"${name}"`).join(', ')}`)
        : undefined
    },
  },
  {
    id: 'grant-type-guessed',
    description: 'Treats a token request without grant_type but with a code as grant_type=authorization_code.',
    violates: ['RFC6749-5.2'],
    level: 'MUST',
    client: 'Nothing a client sees; always send grant_type.',
    seam: 'validation',
    waives: 'grant-type-required',
  },
  {
    id: 'password-grant-served',
    description:
      'Serves the resource owner password credentials grant (grant_type=password) to every client, issuing tokens for a username and password.',
    violates: ['RFC9700-2.4'],
    level: 'MUST',
    client: "Never send a user's password to the token endpoint; use the authorization code flow.",
    seam: 'validation',
    waives: 'password-grant-refused',
  },
  {
    id: 'token-response-cacheable',
    description: 'Sends successful token responses without Cache-Control: no-store and Pragma: no-cache.',
    violates: ['RFC6749-5.1', 'OIDCC-3.1.3.3'],
    level: 'MUST',
    client: 'Nothing a client can fix; it may note the missing headers, and must not cache token responses itself.',
    seam: 'response',
    endpoints: ['token'],
    apply: (result) => (isTokenSuccess(result) ? withoutCacheHeaders(result) : result),
  },
  {
    id: 'token-error-cacheable',
    description: 'Sends token error responses without Cache-Control: no-store and Pragma: no-cache.',
    violates: ['RFC6749-5.2'],
    level: 'SHOULD',
    client: 'Nothing a client can fix; it must not cache token endpoint answers itself.',
    seam: 'response',
    endpoints: ['token'],
    apply: (result) => (isError(result) ? withoutCacheHeaders(result) : result),
  },
  {
    id: 'token-error-status-200',
    description: 'Answers token errors with HTTP 200 (the JSON error body unchanged).',
    violates: ['OIDCC-3.1.3.4', 'RFC6749-5.2'],
    level: 'MUST',
    client: 'Treat a token response with an "error" member as an error whatever its status, and never as tokens.',
    seam: 'response',
    endpoints: ['token'],
    apply: (result) => (result.kind === 'json' && isError(result) ? { ...result, status: 200 } : result),
  },
  {
    id: 'token-type-missing',
    description: 'Leaves token_type out of successful token responses.',
    violates: ['RFC6749-5.1'],
    level: 'MUST',
    client: 'Reject the token response: token_type is REQUIRED (RFC 6749 §5.1), and a client must know the token type.',
    seam: 'response',
    endpoints: ['token'],
    apply: (result) => withoutMember(result, 'token_type'),
  },
  {
    id: 'expires-in-missing',
    description: 'Leaves expires_in out of successful token responses.',
    violates: ['RFC6749-5.1'],
    level: 'SHOULD',
    client: 'Accept the response, assume a short default lifetime and be ready for the token to be refused.',
    seam: 'response',
    endpoints: ['token'],
    apply: (result) => withoutMember(result, 'expires_in'),
  },
  {
    id: 'access-token-short',
    description: 'Issues 8-character access tokens (about 48 bits), guessable by brute force.',
    violates: ['RFC6749-10.10'],
    level: 'MUST',
    client: 'Nothing a client must do differently; access tokens are opaque to the client.',
    seam: 'mint',
    kind: 'access_token',
    apply: (value) => value.slice(0, 8),
  },
  {
    id: 'access-token-non-vschar',
    description: 'Issues access tokens that end in "é", a character outside VSCHAR (%x20-7E).',
    violates: ['RFC6749-A.12'],
    level: 'MUST',
    client: 'A client may refuse the malformed token, or must send it back exactly as received.',
    seam: 'mint',
    kind: 'access_token',
    apply: (value) => `${value}é`,
  },
  {
    id: 'access-token-long-lived',
    description: 'Issues bearer access tokens that live 24 hours (expires_in 86400).',
    violates: ['RFC6750-5.3', 'RFC6819-5.1.5.3'],
    level: 'SHOULD',
    client: 'Nothing a client must do differently; it may refresh or discard the token sooner than expires_in.',
    seam: 'validation',
    waives: 'access-token-short-lived',
  },
])
