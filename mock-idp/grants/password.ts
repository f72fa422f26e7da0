/**
 * The resource owner password credentials grant (RFC 6749 §4.3), served only while the rule
 * `password-grant-refused` is waived. RFC 9700 §2.4: "The resource owner password credentials
 * grant [RFC6749] MUST NOT be used." It exists so that a behaviour can show a server that still
 * offers it; by default the token endpoint answers unsupported_grant_type.
 */
import { secretMatches } from '../client-auth/secret-matches.js'
import { epochSeconds } from '../clock.js'
import { InvalidGrant, InvalidScope } from '../errors.js'
import { issueTokens } from '../tokens/token-response.js'
import type { GrantHandler } from './grant-handler.js'

export const passwordGrant: GrantHandler = async ({ context, params, client }) => {
  const { provider, issuer, urls } = context
  // RFC 6749 §4.3.2: username and password REQUIRED, scope OPTIONAL.
  const username = params.require('username')
  const password = params.require('password')
  const user = provider.users.byUsername(username)
  if (!user || !secretMatches(user.password, password)) {
    throw new InvalidGrant('the resource owner credentials are invalid')
  }
  const scope = (params.get('scope') ?? 'openid').split(' ').filter((token) => token !== '')
  const unknown = scope.filter((token) => !Object.hasOwn(provider.config.scopes, token))
  if (unknown.length > 0) throw new InvalidScope(`unknown scope ${unknown.map((token) => `"${token}"`).join(', ')}`)
  return issueTokens(context, {
    issuer,
    audience: urls.userinfo,
    grant: {
      grantId: context.ids.next('grant'),
      clientId: client.client_id,
      sub: user.sub,
      authTime: epochSeconds(provider.clock),
    },
    scope,
    grantType: 'authorization_code',
  })
}
