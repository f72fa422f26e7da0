/**
 * The login session at the IdP: a `SessionRecord` in the store, referenced by the HttpOnly,
 * SameSite=Lax `codeflow_session` cookie (Secure only for an https issuer). Consent is
 * remembered in the session per client and scope (OIDC Core §3.1.2.4: "the Authorization Server
 * MAY … establish consent … through … previously given consent").
 */
import { epochSeconds } from '../clock.js'
import type { SetCookie } from '../http/endpoint-result.js'
import type { Provider } from '../provider.js'
import { type SessionRecord, storeKey } from '../store/records.js'
import { cookiePath, isHttps } from './interaction.js'

export const SESSION_COOKIE = 'codeflow_session'

/** The session named by the request's cookie, if it is still alive and its user still exists. */
export async function currentSession(
  provider: Provider,
  cookies: Record<string, string>,
): Promise<SessionRecord | undefined> {
  const id = cookies[SESSION_COOKIE]
  if (id === undefined || id.length > 256) return undefined
  const session = await provider.store.get<SessionRecord>(storeKey.session(id))
  return session && provider.users.bySub(session.sub) ? session : undefined
}

/**
 * A new session after a successful authentication. The id is always new (no session fixation);
 * consents carry over from the previous session only when the same user signs in again.
 */
export async function startSession(
  provider: Provider,
  sub: string,
  previous: SessionRecord | undefined,
): Promise<SessionRecord> {
  const session: SessionRecord = {
    id: provider.ids.next('session'),
    sub,
    authTime: epochSeconds(provider.clock),
    consents: previous?.sub === sub ? { ...previous.consents } : {},
  }
  await provider.store.set(storeKey.session(session.id), session, provider.config.session.ttl)
  if (previous) await provider.store.delete(storeKey.session(previous.id))
  return session
}

export function sessionCookie(provider: Provider, issuer: string, session: SessionRecord): SetCookie {
  return {
    name: SESSION_COOKIE,
    value: session.id,
    path: cookiePath(issuer),
    maxAge: provider.config.session.ttl,
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(issuer),
  }
}

export function clearedSessionCookie(issuer: string): SetCookie {
  return {
    name: SESSION_COOKIE,
    value: '',
    path: cookiePath(issuer),
    maxAge: 0,
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(issuer),
  }
}

export function hasConsent(session: SessionRecord, clientId: string, scope: string[]): boolean {
  const granted = session.consents[clientId] ?? []
  return scope.every((token) => granted.includes(token))
}

export async function rememberConsent(
  provider: Provider,
  sessionId: string,
  clientId: string,
  scope: string[],
): Promise<void> {
  const session = await provider.store.get<SessionRecord>(storeKey.session(sessionId))
  if (!session) return // signed out meanwhile: the grant stands, nothing to remember it in
  const granted = new Set([...(session.consents[clientId] ?? []), ...scope])
  const updated: SessionRecord = { ...session, consents: { ...session.consents, [clientId]: [...granted] } }
  // Keep the session's original end: remembering consent must not extend a login.
  const remaining = session.authTime + provider.config.session.ttl - epochSeconds(provider.clock)
  if (remaining > 0) await provider.store.set(storeKey.session(session.id), updated, remaining)
}
