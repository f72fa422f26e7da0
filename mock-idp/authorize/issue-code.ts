/**
 * Issues the authorization code (RFC 6749 §4.1.2) once the user has authenticated and
 * authorized the request.
 *
 * RFC 6749 §4.1.2: "The authorization code MUST expire shortly after it is issued … A maximum
 * authorization code lifetime of 10 minutes is RECOMMENDED", and "The authorization code is
 * bound to the client identifier and redirection URI." The record also carries everything the
 * token endpoint must check or put in the ID token: PKCE challenge (RFC 7636 §4.4), nonce and
 * auth_time (OIDC Core §3.1.3.3, §2), and a fresh grant id that ties the code to every token
 * issued from it (so a replay can revoke them all). The store keeps it under a hash of the code.
 */
import { epochSeconds } from '../clock.js'
import type { RequestContext } from '../request-context.js'
import { type AuthorizationRequest, type CodeRecord, storeKey } from '../store/records.js'

export interface IssueCodeInput {
  request: AuthorizationRequest
  sub: string
  authTime: number
  sessionId?: string
}

export async function issueCode(context: RequestContext, input: IssueCodeInput): Promise<string> {
  const { provider, ids } = context
  const { request, sub, authTime, sessionId } = input
  const ttl = provider.config.tokens.codeTtl
  const code = ids.next('code')
  const issuedAt = epochSeconds(provider.clock)
  const record: CodeRecord = {
    grantId: ids.next('grant'),
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    scope: request.scope,
    sub,
    authTime,
    ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
    ...(request.codeChallenge === undefined
      ? {}
      : { codeChallenge: request.codeChallenge, codeChallengeMethod: request.codeChallengeMethod }),
    ...(sessionId === undefined ? {} : { sessionId }),
    ...(request.behaviours === undefined ? {} : { behaviours: request.behaviours }),
    issuedAt,
    expiresAt: issuedAt + ttl,
  }
  await provider.store.set(storeKey.code(code), record, ttl)
  return code
}
