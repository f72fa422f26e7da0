/**
 * Client authentication at the token, revocation and introspection endpoints (RFC 6749 §2.3,
 * §3.2.1; RFC 7009 §2.1; RFC 7662 §2.1; OIDC Core §9). Picks the method the request used, reads its
 * credentials (one file per method), then holds the client to the method it registered.
 *
 * Failures are `invalid_client` (RFC 6749 §5.2: "Client authentication failed (e.g., unknown
 * client, no client authentication included, or unsupported authentication method)"), 401, with a
 * `WWW-Authenticate: Basic` challenge when the client tried the Authorization header.
 */
import type { ActiveBehaviours } from '../behaviours/active-behaviours.js'
import type { ClientConfig } from '../config/schema.js'
import { InvalidClient, InvalidRequest } from '../errors.js'
import { Params } from '../http/params.js'
import type { ParsedRequest } from '../http/parsed-request.js'
import type { RequestContext } from '../request-context.js'
import { readBasicCredentials } from './client-secret-basic.js'
import { readPostCredentials } from './client-secret-post.js'
import { readPublicClientId } from './none.js'
import type { ClientAuthMethod, PresentedCredentials } from './presented-credentials.js'
import { secretMatches } from './secret-matches.js'

export interface AuthenticatedClient {
  client: ClientConfig
  method: ClientAuthMethod
}

/**
 * `impliedPublicClientId` is the public client a request without any client identification is
 * taken for, only while the rule `public-client-id-required` is waived (the token endpoint passes
 * the client of the code).
 */
export function authenticateClient(
  context: RequestContext,
  params: Params,
  impliedPublicClientId?: string,
): AuthenticatedClient {
  const { provider, request, behaviours: rules } = context
  // RFC 6749 §2.3.1: the credentials "can only be transmitted in the request-body and MUST NOT be
  // included in the request URI."
  const inUri = request.query.has('client_secret') && request.headers.get('authorization') === null
  if (request.query.has('client_secret') && rules.enforces('client-credentials-not-in-uri')) {
    throw new InvalidRequest('"client_secret" must not be included in the request URI (RFC 6749 §2.3.1)')
  }
  const presented = inUri
    ? readPostCredentials(new Params(request.query, provider.config.limits.maxParameterLength))
    : presentedCredentials(request, params, rules, impliedPublicClientId)
  const viaAuthorizationHeader = presented.method === 'client_secret_basic'
  const fail = (description: string) =>
    new InvalidClient(`client authentication failed: ${description}`, { viaAuthorizationHeader })

  // RFC 6749 §3.2.1 lets a client also send client_id; when it names someone else the request
  // cannot be attributed (the FAPI2 suite accepts invalid_client here).
  const bodyClientId = params.get('client_id')
  if (
    viaAuthorizationHeader &&
    bodyClientId !== undefined &&
    bodyClientId !== presented.clientId &&
    rules.enforces('client-id-is-authenticated-client')
  ) {
    throw fail(`"client_id" in the body ("${bodyClientId}") is not the client of the Authorization header`)
  }

  const client = provider.clients.get(presented.clientId)
  if (!client) throw fail(`unknown client "${presented.clientId}"`)

  // OIDC Core §9: a client authenticates with the method it registered (token_endpoint_auth_method,
  // RFC 7591 §2); accepting any other would let a public client_id pass for a confidential one.
  const registered = client.token_endpoint_auth_method
  // With `confidential-client-authenticated` waived, a confidential client's client_id alone will
  // do; with `client-credentials-not-in-uri` waived, a secret in the URI counts as the client's.
  const withoutSecret =
    presented.method === 'none' && registered !== 'none' && !rules.enforces('confidential-client-authenticated')
  if (presented.method !== registered && !withoutSecret && !inUri && rules.enforces('registered-client-auth-method')) {
    throw fail(
      registered === 'none'
        ? `client "${client.client_id}" is a public client (token_endpoint_auth_method "none"); send only "client_id", no secret`
        : `client "${client.client_id}" is registered for token_endpoint_auth_method "${registered}" but ${describe(presented.method)}`,
    )
  }
  if (registered !== 'none' && !secretMatches(client.client_secret, presented.clientSecret)) {
    const waived =
      presented.clientSecret === undefined
        ? !rules.enforces('confidential-client-authenticated')
        : !rules.enforces('client-secret-checked')
    if (!waived) throw fail(`wrong client_secret for client "${client.client_id}"`)
  }
  return { client, method: registered }
}

function presentedCredentials(
  request: ParsedRequest,
  params: Params,
  rules: ActiveBehaviours,
  impliedPublicClientId: string | undefined,
): PresentedCredentials {
  const authorization = request.headers.get('authorization')
  // RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each request."
  if (authorization !== null && params.has('client_secret') && rules.enforces('one-client-auth-method')) {
    throw new InvalidRequest(
      'the client used more than one authentication method (Authorization header and "client_secret" in the body) (RFC 6749 §2.3)',
    )
  }
  if (authorization !== null) {
    return readBasicCredentials(authorization, rules.enforces('basic-credentials-form-decoded'))
  }
  if (params.has('client_secret')) return readPostCredentials(params)
  const publicClient = readPublicClientId(params)
  if (publicClient) return publicClient
  if (impliedPublicClientId !== undefined) return { method: 'none', clientId: impliedPublicClientId }
  throw new InvalidClient(
    'client authentication failed: no client authentication was included (use HTTP Basic, "client_id" and "client_secret" in the body, or "client_id" alone for a public client)',
  )
}

function describe(method: ClientAuthMethod): string {
  switch (method) {
    case 'client_secret_basic':
      return 'authenticated with HTTP Basic (client_secret_basic)'
    case 'client_secret_post':
      return 'sent "client_secret" in the body (client_secret_post)'
    case 'none':
      return 'sent only "client_id" and no credentials'
  }
}
