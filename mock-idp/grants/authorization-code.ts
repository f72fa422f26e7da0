/**
 * The authorization code grant at the token endpoint (RFC 6749 §4.1.3; OIDC Core §3.1.3.2).
 *
 * Processing order:
 *   1. syntax: `code` present, `code_verifier` well formed (invalid_request; the code is untouched)
 *   2. redeem: `store.take` the code — atomic, so of concurrent redemptions exactly one gets it
 *   3. replay: a code that was redeemed before → invalid_grant, and its grant is revoked
 *   4. the flow's behaviours: a `request` behaviour the flow named may refuse the request, as if
 *      before step 2, so the code is given back
 *   5. bindings: expiry, client, redirect_uri, PKCE (invalid_grant)
 *   6. issue tokens
 *
 * A failed attempt burns the code. It is taken in step 2, before the bindings are checked, so a
 * wrong verifier or redirect_uri consumes it and a retry is treated as a replay (RFC 6749 §10.5:
 * codes are "short lived and single-use"; the catalog's code.failed-attempt-policy calls burning
 * the safer choice). oidc-provider burns codes the same way.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { flowRefusal } from '../behaviours/request-behaviours.js'
import { epochSeconds } from '../clock.js'
import { InvalidGrant, InvalidRequest, ServerError } from '../errors.js'
import type { Provider } from '../provider.js'
import type { AccessTokenRecord, CodeRecord, RefreshTokenRecord } from '../store/records.js'
import { storeKey } from '../store/records.js'
import type { LeaveBehind } from '../store/store.js'
import { grantOf, secondsLeft } from '../tokens/grant.js'
import { issueTokens } from '../tokens/token-response.js'
import type { GrantHandler, GrantRequest } from './grant-handler.js'
import { redeemedCodeLifetime, revokeGrant } from './grant-revocation.js'
import { checkVerifierSyntax, verifyPkce } from './pkce.js'

export const authorizationCodeGrant: GrantHandler = async (request) => {
  const { context, params, client } = request
  const { provider, behaviours, issuer, urls } = context
  // RFC 6749 §4.1.3: "code REQUIRED. The authorization code received from the authorization server."
  const code = params.get('code')
  if (code === undefined) {
    if (behaviours.enforces('code-parameter-required')) throw new InvalidRequest('"code" parameter is missing')
    // Waived: the missing code is looked up anyway, as by a server that never validated it.
    throw new ServerError('the server met an unexpected condition')
  }
  const redirectUri = params.get('redirect_uri')
  const verifier = params.get('code_verifier')
  if (verifier !== undefined && behaviours.enforces('pkce-verifier-syntax')) checkVerifierSyntax(verifier)

  const singleUse = behaviours.enforces('code-single-use')
  // Left behind in the same atomic step as the take, before any binding check, so that every
  // later presentation of this code — a concurrent loser on any instance, a retry after a failed
  // attempt, a replay — is recognised as reuse.
  const redeemed = {
    key: storeKey.redeemedCode(code),
    // As long as a token issued with the code can be revoked, no longer.
    ttlSeconds: redeemedCodeLifetime(provider, client.grant_types.includes('refresh_token')),
  }
  const record = behaviours.enforces('code-redemption-atomic')
    ? await provider.store.take<CodeRecord>(storeKey.code(code), singleUse ? redeemed : undefined)
    : await takeWithRace(provider, storeKey.code(code), singleUse ? redeemed : undefined)
  if (!record) {
    const grantId = (await provider.store.get<CodeRecord>(storeKey.redeemedCode(code)))?.grantId
    if (grantId !== undefined) {
      // RFC 6749 §4.1.2: "If an authorization code is used more than once, the authorization server
      // MUST deny the request and SHOULD revoke (when possible) all tokens previously issued based
      // on that authorization code."
      if (!behaviours.enforces('code-reuse-revokes-grant')) {
        throw new InvalidGrant('the authorization code has already been used (RFC 6749 §4.1.2)')
      }
      await revokeGrant(provider, grantId)
      throw new InvalidGrant(
        'the authorization code has already been used; the tokens issued from it have been revoked (RFC 6749 §4.1.2)',
      )
    }
    if (!behaviours.enforces('code-type-checked')) {
      const confused = await tokenPresentedAsCode(request, code)
      if (confused) return confused
    }
    // RFC 6749 §5.2: invalid_grant "The provided authorization grant (e.g., authorization code …) is invalid".
    if (!behaviours.enforces('code-unknown-is-invalid-grant')) {
      throw new ServerError('the server met an unexpected condition')
    }
    throw new InvalidGrant('the authorization code is invalid or has expired')
  }
  const refusal = await flowRefusal(context, record.clientId, record.behaviours)
  if (refusal) {
    // A `request` behaviour of the flow refuses the request, as it would have before the code was
    // looked up: the code goes back, redeemable as if this request had never reached it.
    await giveBack(provider, code, record, singleUse ? redeemed : undefined)
    throw refusal
  }
  if (!singleUse) {
    // Single use waived (a behaviour): the code goes back, redeemable again until it expires.
    await provider.store.set(storeKey.code(code), record, secondsLeft(record.expiresAt, epochSeconds(provider.clock)))
  }

  if (record.expiresAt <= epochSeconds(provider.clock)) {
    throw new InvalidGrant('the authorization code has expired')
  }
  // RFC 6749 §4.1.3: "ensure that the authorization code was issued to the authenticated
  // confidential client, or if the client is public, ensure that the code was issued to
  // "client_id" in the request".
  if (record.clientId !== client.client_id && behaviours.enforces('code-bound-to-client')) {
    throw new InvalidGrant(`the authorization code was issued to another client, not "${client.client_id}"`)
  }
  // RFC 6749 §4.1.3: redirect_uri is "REQUIRED, if the "redirect_uri" parameter was included in the
  // authorization request …, and their values MUST be identical." OIDC makes it required there
  // (OIDC Core §3.1.2.1), so it is always required here.
  if (redirectUri === undefined && behaviours.enforces('code-redirect-uri-required')) {
    throw new InvalidRequest(
      `"redirect_uri" is missing; the authorization request included "${record.redirectUri}", so it is required (RFC 6749 §4.1.3)`,
    )
  }
  if (
    redirectUri !== undefined &&
    redirectUri !== record.redirectUri &&
    behaviours.enforces('code-redirect-uri-identical')
  ) {
    throw new InvalidGrant(
      `"redirect_uri" "${redirectUri}" is not identical to the one in the authorization request, "${record.redirectUri}" (RFC 6749 §4.1.3)`,
    )
  }
  verifyPkce(record, verifier, behaviours)

  return issueTokens(context, {
    issuer,
    audience: urls.userinfo,
    grant: grantOf(record),
    scope: record.scope,
    // RFC 6749 §4.1.4 / §5.1: a refresh token is optional; it is issued to clients registered for
    // the refresh_token grant, which is what lets the source document's sample get one.
    refreshToken: client.grant_types.includes('refresh_token') ? { scope: record.scope } : undefined,
    nonce: record.nonce,
    grantType: 'authorization_code',
  })
}

/**
 * Undoes the take of a code: the reuse marker goes first, then the code comes back for the rest of
 * its lifetime. A presentation of the code in between finds neither and is refused as unknown,
 * which revokes nothing.
 */
async function giveBack(
  provider: Provider,
  code: string,
  record: CodeRecord,
  leave: LeaveBehind | undefined,
): Promise<void> {
  if (leave) await provider.store.delete(leave.key)
  const now = epochSeconds(provider.clock)
  if (record.expiresAt > now) await provider.store.set(storeKey.code(code), record, secondsLeft(record.expiresAt, now))
}

/**
 * A read, a pause and a delete instead of one atomic `take`: the check-then-act race of a store
 * without atomic operations (only with `code-redemption-atomic` waived). Concurrent redemptions
 * that read within the pause all find the code; a later one does not.
 */
async function takeWithRace(
  provider: Provider,
  key: string,
  leave: LeaveBehind | undefined,
): Promise<CodeRecord | undefined> {
  const record = await provider.store.get<CodeRecord>(key)
  if (!record) return undefined
  await sleep(RACE_WINDOW_MS)
  await provider.store.delete(key)
  if (leave) await provider.store.set(leave.key, record, leave.ttlSeconds)
  return record
}

const RACE_WINDOW_MS = 150

/**
 * With `code-type-checked` waived: an access or refresh token presented as "code" is redeemed for
 * its grant, as by a server that keeps every kind of token in one table and never asks which kind
 * it found. The record has no redirect_uri or code_challenge to compare, so only the client is.
 */
async function tokenPresentedAsCode(request: GrantRequest, value: string) {
  const { context, client } = request
  const { provider, issuer, urls } = context
  const token =
    (await provider.store.get<AccessTokenRecord>(storeKey.accessToken(value))) ??
    (await provider.store.get<RefreshTokenRecord>(storeKey.refreshToken(value)))
  if (!token || token.clientId !== client.client_id) return undefined
  return issueTokens(context, {
    issuer,
    audience: urls.userinfo,
    grant: grantOf(token),
    scope: token.scope,
    grantType: 'authorization_code',
  })
}
