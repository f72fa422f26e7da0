/**
 * Every negative token-endpoint call of the token scenarios that came back as an error, for the
 * checks that judge all error responses alike (token.error-format, token.error-no-store). A GET is
 * left out: a 405 from the HTTP layer is not a §5.2 token error response.
 */
import type { CallResult } from '../../../flows/token-calls.js'
import type { TokenClientAuthEvidence } from '../gather/token-client-auth.js'
import type {
  TokenGrantErrorsEvidence,
  TokenRedirectUriEvidence,
  TokenRequestFormatEvidence,
} from '../gather/token-requests.js'

export function tokenErrorResponses(evidence: {
  tokenGrantErrors: TokenGrantErrorsEvidence
  tokenRequestFormat: TokenRequestFormatEvidence
  tokenRedirectUri: TokenRedirectUriEvidence
  tokenClientAuth: TokenClientAuthEvidence
}): Array<{ what: string; call: CallResult }> {
  const { tokenGrantErrors: g, tokenRequestFormat: f, tokenRedirectUri: r, tokenClientAuth: a } = evidence
  const all: Array<[string, CallResult | undefined]> = [
    ['bogus code', g.bogusCode],
    ['no code', g.codeMissing],
    ['grant_type=foo', g.grantTypeUnknown],
    ['grant_type=password', g.password],
    ['grant_type=client_credentials', g.clientCredentials],
    ['no grant_type', f.grantTypeMissing],
    ['grant_type twice', f.duplicateGrantType],
    ['JSON body', f.jsonBody],
    ['body without form Content-Type', f.textPlainBody],
    ['no redirect_uri', r.missing],
    ['other redirect_uri', r.mismatch],
    ['client_id without secret', a.secretMissing],
    ['no client authentication', a.nothing],
    ['wrong secret (Basic)', a.wrongSecretBasic?.call],
    ['wrong secret (post)', a.wrongSecretPost?.call],
    ['credentials in the query', a.inQuery],
    ['two authentication methods', a.multipleMethods],
    ['unregistered authentication method', a.unregisteredMethod],
    ['client_id mismatch', a.clientIdMismatch.call],
  ]
  return all
    .filter((entry): entry is [string, CallResult] => entry[1] !== undefined && entry[1].status >= 400)
    .map(([what, call]) => ({ what, call }))
}
