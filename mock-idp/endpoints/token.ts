/**
 * The token endpoint (RFC 6749 §3.2, §4.1.3, §5, §6; OIDC Core §3.1.3).
 *
 * Processing order:
 *   1. body: application/x-www-form-urlencoded (token-body.ts; POST is enforced by routing)
 *   2. client authentication (client-auth/)
 *   3. grant_type: present, supported, registered for this client
 *   4. the grant (grants/) issues the tokens
 *
 * Every answer, success or error, carries `Cache-Control: no-store` and `Pragma: no-cache`
 * (RFC 6749 §5.1; the error boundary in http/respond.ts adds them to errors).
 */
import { authenticateClient } from '../client-auth/authenticate-client.js'
import { InvalidRequest, UnauthorizedClient, UnsupportedGrantType } from '../errors.js'
import { authorizationCodeGrant } from '../grants/authorization-code.js'
import type { GrantHandler } from '../grants/grant-handler.js'
import { passwordGrant } from '../grants/password.js'
import { refreshTokenGrant, unauthenticatedRefresh } from '../grants/refresh-token.js'
import { noStoreJson } from '../http/endpoint-result.js'
import { Params } from '../http/params.js'
import type { RequestContext } from '../request-context.js'
import { type CodeRecord, storeKey } from '../store/records.js'
import type { Endpoint } from './endpoint.js'
import { tokenRequestBody } from './token-body.js'

/** The supported grants; discovery's grant_types_supported lists the same two. */
const GRANTS: Record<string, GrantHandler> = {
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
}

export const token: Endpoint = async (context) => {
  const { provider, request, behaviours } = context
  const body = tokenRequestBody(request, provider.config, behaviours)
  // RFC 6749 §3.2: "Request and response parameters MUST NOT be included more than once." `Params`
  // refuses a repeated one; with the rule waived only the first value of each counts.
  const source = behaviours.enforces('token-parameters-once') ? body : firstValues(body)
  const params = new Params(source, provider.config.limits.maxParameterLength)
  const { client } =
    unauthenticatedRefresh(context, params) ??
    authenticateClient(context, params, await impliedPublicClient(context, params))

  let grantType = params.get('grant_type')
  if (grantType === undefined) {
    // RFC 6749 §4.1.3: "grant_type REQUIRED". Waived, a missing one is guessed from the code.
    if (behaviours.enforces('grant-type-required') || !params.has('code')) {
      throw new InvalidRequest('"grant_type" parameter is missing')
    }
    grantType = 'authorization_code'
  }
  const grants = behaviours.enforces('password-grant-refused') ? GRANTS : { ...GRANTS, password: passwordGrant }
  const grant = Object.hasOwn(grants, grantType) ? grants[grantType] : undefined
  // RFC 6749 §5.2: unsupported_grant_type "The authorization grant type is not supported by the
  // authorization server."
  if (!grant) {
    throw new UnsupportedGrantType(
      `grant_type "${grantType}" is not supported; supported: ${Object.keys(GRANTS).join(', ')}`,
    )
  }
  // RFC 6749 §5.2: unauthorized_client "The authenticated client is not authorized to use this
  // authorization grant type." (No client can register the password grant: when it is served, it
  // is served to every client.)
  if (!(client.grant_types as string[]).includes(grantType) && grant !== passwordGrant) {
    throw new UnauthorizedClient(
      `client "${client.client_id}" is not registered for grant_type "${grantType}" (registered: ${client.grant_types.join(', ')})`,
    )
  }
  return noStoreJson(withTokenResponseEdits(await grant({ context, params, client }), context.directives.tokenResponse))
}

/** A test's `use({ tokenResponse })`: the same tokens, in a correct but unusual response. */
function withTokenResponseEdits(
  response: object,
  edits: { set?: Record<string, unknown>; omit?: string[] } | undefined,
): object {
  if (!edits) return response
  const edited: Record<string, unknown> = { ...response, ...edits.set }
  for (const member of edits.omit ?? []) delete edited[member]
  return edited
}

/**
 * RFC 6749 §4.1.3: client_id "REQUIRED, if the client is not authenticating". Only with the rule
 * `public-client-id-required` waived: a request that names no client is taken for the public
 * client the code was issued to.
 */
async function impliedPublicClient(
  { provider, behaviours }: RequestContext,
  params: Params,
): Promise<string | undefined> {
  if (behaviours.enforces('public-client-id-required')) return undefined
  const code = params.get('code')
  if (code === undefined) return undefined
  const record = await provider.store.get<CodeRecord>(storeKey.code(code))
  const client = record && provider.clients.get(record.clientId)
  return client?.token_endpoint_auth_method === 'none' ? client.client_id : undefined
}

/** The first value of each parameter, for a server that does not notice repeated ones. */
function firstValues(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams()
  for (const [name, value] of params) if (!out.has(name)) out.append(name, value)
  return out
}
