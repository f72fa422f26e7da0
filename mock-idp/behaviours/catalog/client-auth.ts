/** Behaviours of client authentication at the token endpoint (RFC 6749 §2.3, §3.2.1; OIDC Core §9). */
import { InvalidClient } from '../../errors.js'
import type { EndpointResult } from '../../http/endpoint-result.js'
import { behaviours } from '../behaviour.js'

/** An invalid_client answer to a client that tried HTTP Basic (it carries the Basic challenge). */
const isFailedBasic = (result: EndpointResult): result is Extract<EndpointResult, { kind: 'json' }> =>
  result.kind === 'json' &&
  result.status === 401 &&
  Object.keys(result.headers ?? {}).some((name) => name.toLowerCase() === 'www-authenticate')

function withoutChallenge<T extends EndpointResult>(result: T): T {
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'www-authenticate'),
  )
  return { ...result, headers }
}

export const clientAuthBehaviours = behaviours([
  {
    id: 'client-secret-not-checked',
    description: 'Accepts any client_secret (Basic or in the body) for a confidential client.',
    violates: ['RFC6749-2.3.1', 'RFC6749-5.2'],
    level: 'MUST',
    client: 'Nothing a client sees; a client cannot tell that a wrong secret would have worked too.',
    seam: 'validation',
    waives: 'client-secret-checked',
  },
  {
    id: 'confidential-client-unauthenticated',
    description: 'Redeems the code of a confidential client that sends only its client_id and no secret.',
    violates: ['RFC6749-3.2.1', 'RFC6749-4.1.3'],
    level: 'MUST',
    client: 'Nothing a client sees; a confidential client always authenticates.',
    seam: 'validation',
    waives: 'confidential-client-authenticated',
  },
  {
    id: 'client-id-mismatch-accepted',
    description:
      'Accepts a client_id in the body that names another client than the one authenticated with HTTP Basic.',
    violates: ['RFC6749-3.2.1', 'RFC6749-5.2'],
    level: 'MUST',
    client: 'Nothing a client sees; send either no client_id in the body or your own.',
    seam: 'validation',
    waives: 'client-id-is-authenticated-client',
  },
  {
    id: 'public-client-id-optional',
    description: "Redeems a public client's code sent without client_id, taking the client from the code.",
    violates: ['RFC6749-4.1.3', 'RFC6749-3.2.1'],
    level: 'MUST',
    client: 'Nothing a client sees; a public client always sends its client_id.',
    seam: 'validation',
    waives: 'public-client-id-required',
  },
  {
    id: 'client-credentials-in-query-accepted',
    description:
      'Accepts client_id and client_secret in the token URL query as the credentials of any client that has a secret.',
    violates: ['RFC6749-2.3.1'],
    level: 'MUST',
    client: 'Nothing a client sees; never put client credentials in a URL.',
    seam: 'validation',
    waives: 'client-credentials-not-in-uri',
  },
  {
    id: 'multiple-auth-methods-accepted',
    description: 'Accepts a request authenticated with HTTP Basic and client_secret in the body at once (Basic wins).',
    violates: ['RFC6749-2.3'],
    level: 'SHOULD',
    client: 'Nothing a client sees; use exactly one authentication method per request.',
    seam: 'validation',
    waives: 'one-client-auth-method',
  },
  {
    id: 'unregistered-auth-method-accepted',
    description:
      'Accepts client_secret_post from a client registered for client_secret_basic (and the reverse), and a secret from a public client.',
    violates: ['OIDCC-9'],
    level: 'SHOULD',
    client: 'Nothing a client sees; authenticate with the method you registered.',
    seam: 'validation',
    waives: 'registered-client-auth-method',
  },
  {
    id: 'client-secret-post-refused',
    description:
      'Refuses client_secret_post with invalid_client although discovery advertises it in token_endpoint_auth_methods_supported.',
    violates: ['OIDCC-9', 'RFC6749-2.3.1'],
    level: 'MUST',
    client: 'Report the failure; a client registered for client_secret_post cannot authenticate here.',
    seam: 'request',
    endpoints: ['token'],
    apply: (context, params) =>
      params.has('client_secret') && !context.request.headers.has('authorization')
        ? new InvalidClient('client authentication failed: client_secret_post is not supported')
        : undefined,
  },
  {
    id: 'client-secret-basic-refused',
    description: 'Refuses HTTP Basic client authentication (client_secret_basic) with invalid_client.',
    violates: ['RFC6749-2.3.1'],
    level: 'MUST',
    client: 'Report the failure; a client registered for client_secret_basic cannot authenticate here.',
    seam: 'request',
    endpoints: ['token'],
    apply: (context) =>
      context.request.headers.get('authorization')?.toLowerCase().startsWith('basic ')
        ? new InvalidClient('client authentication failed: HTTP Basic is not supported', {
            viaAuthorizationHeader: true,
          })
        : undefined,
  },
  {
    id: 'public-client-refused',
    description:
      'Refuses a public client that identifies itself with client_id alone, asking for a client secret it was never issued.',
    violates: ['RFC6749-2.1', 'RFC7636-4.5'],
    level: 'MUST',
    client: 'Report the failure; a public client has no secret to send.',
    seam: 'request',
    endpoints: ['token'],
    apply: (context, params) =>
      params.has('client_id') && !params.has('client_secret') && !context.request.headers.has('authorization')
        ? new InvalidClient('client authentication failed: a client_secret is required')
        : undefined,
  },
  {
    id: 'invalid-client-basic-no-challenge',
    description: 'Answers a failed HTTP Basic client authentication with 401 but without a WWW-Authenticate header.',
    violates: ['RFC9110-11.6.1'],
    level: 'MUST',
    client: 'Treat the 401 as invalid_client from its JSON body; do not depend on the challenge.',
    seam: 'response',
    endpoints: ['token'],
    apply: (result) => (isFailedBasic(result) ? withoutChallenge(result) : result),
  },
  {
    id: 'invalid-client-basic-400',
    description: 'Answers a failed HTTP Basic client authentication with 400 and no WWW-Authenticate header.',
    violates: ['RFC6749-5.2'],
    level: 'MUST',
    client: 'Treat the response as invalid_client from its JSON body, whatever the status.',
    seam: 'response',
    endpoints: ['token'],
    apply: (result) => (isFailedBasic(result) ? { ...withoutChallenge(result), status: 400 } : result),
  },
  {
    id: 'basic-credentials-not-form-decoded',
    description:
      'Compares the HTTP Basic client_id and secret as sent, without form-decoding them first (so "+" is not a space and %XX stays).',
    violates: ['RFC6749-2.3.1'],
    level: 'MUST',
    client:
      'Nothing to change if your client form-urlencodes Basic credentials as RFC 6749 §2.3.1 says: with this behaviour, a secret with reserved characters then fails with invalid_client, as it does at servers with this bug.',
    seam: 'validation',
    waives: 'basic-credentials-form-decoded',
  },
])
