/** Behaviours of token revocation (RFC 7009). */
import { NO_STORE } from '../../http/endpoint-result.js'
import { behaviours, type SeamContext } from '../behaviour.js'

/** A form POST that lacks the "token" parameter (RFC 7009 §2.1: "token REQUIRED"). */
export function lacksToken({ request }: SeamContext): boolean {
  return (
    request.method === 'POST' &&
    request.contentType === 'application/x-www-form-urlencoded' &&
    !new URLSearchParams(request.bodyText ?? '').has('token')
  )
}

export const revocationBehaviours = behaviours([
  {
    id: 'revocation-refresh-token-kept',
    description: 'Answers the revocation of a refresh token with 200 but leaves the refresh token valid.',
    violates: ['RFC7009-2.2'],
    level: 'MUST',
    client: 'Nothing a client sees; after revoking, discard the token whatever the answer (RFC 7009 §2.2).',
    seam: 'validation',
    waives: 'revocation-revokes-refresh-tokens',
  },
  {
    id: 'revocation-access-tokens-survive',
    description: 'Revokes a refresh token but leaves the access tokens of its grant valid.',
    violates: ['RFC7009-2.1'],
    level: 'SHOULD',
    client: 'Nothing a client sees; on logout revoke the access token as well as the refresh token.',
    seam: 'validation',
    waives: 'revocation-cascades-to-grant',
  },
  {
    id: 'revocation-without-client-authentication',
    description: 'Revokes any token presented, without authenticating the client.',
    violates: ['RFC7009-2.1'],
    level: 'MUST',
    client: 'Nothing a client sees when it behaves; always authenticate revocation requests.',
    seam: 'validation',
    waives: 'revocation-client-authentication',
  },
  {
    id: 'revocation-other-clients-token',
    description: "Lets an authenticated client revoke another client's tokens.",
    violates: ['RFC7009-2.1'],
    level: 'MUST',
    client: 'Nothing a client sees; a client whose tokens stop working must start a new authorization.',
    seam: 'validation',
    waives: 'revocation-token-bound-to-client',
  },
  {
    id: 'revocation-invalid-token-400',
    description: 'Answers the revocation of an unknown, expired or already revoked token with 400 invalid_request.',
    violates: ['RFC7009-2.2'],
    level: 'MUST',
    client: 'Treat the token as gone anyway: "invalid tokens do not cause an error response" (RFC 7009 §2.2).',
    seam: 'validation',
    waives: 'revocation-invalid-token-200',
  },
  {
    id: 'revocation-hint-trusted',
    description: 'Looks for the token only among the type token_type_hint names, so a wrong hint revokes nothing.',
    violates: ['RFC7009-2.1'],
    level: 'MUST',
    client: 'Send the right token_type_hint, or none.',
    seam: 'validation',
    waives: 'revocation-hint-fallback',
  },
  {
    id: 'revocation-missing-token-200',
    description: 'Answers a revocation request without the "token" parameter with 200 instead of invalid_request.',
    violates: ['RFC7009-2.2.1'],
    level: 'MUST',
    client: 'Nothing a client sees when it behaves; a 200 does not prove the token was revoked.',
    seam: 'response',
    endpoints: ['revocation'],
    apply: (result, context) =>
      result.kind === 'json' && result.status === 400 && lacksToken(context)
        ? { kind: 'empty', status: 200, headers: { ...NO_STORE } }
        : result,
  },
])
