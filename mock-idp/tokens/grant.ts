/**
 * What every token of one grant shares (see store/records.ts: a grant ties together a code and
 * everything issued from it), and the result of looking a token up.
 */

export interface Grant {
  grantId: string
  clientId: string
  sub: string
  /** Seconds since the epoch (OIDC Core §2 auth_time). */
  authTime: number
  nonce?: string
  sessionId?: string
  /** Behaviours its authorization request named: its access and refresh tokens carry them on. */
  behaviours?: string[]
}

/** The grant behind a code or a refresh token. */
export function grantOf(record: Grant): Grant {
  const grant: Grant = {
    grantId: record.grantId,
    clientId: record.clientId,
    sub: record.sub,
    authTime: record.authTime,
  }
  if (record.nonce !== undefined) grant.nonce = record.nonce
  if (record.sessionId !== undefined) grant.sessionId = record.sessionId
  if (record.behaviours !== undefined) grant.behaviours = record.behaviours
  return grant
}

/** A token is active, or inactive for a reason that is safe to tell its own client. */
export type TokenLookup<T> = { active: true; record: T } | { active: false; reason: string }

/** Seconds left until `expiresAt`, at least 1 so that a store TTL is always valid. */
export function secondsLeft(expiresAt: number, now: number): number {
  return Math.max(1, expiresAt - now)
}
