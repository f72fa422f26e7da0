/**
 * Login and consent interactions, kept server-side (`InteractionRecord`); a page carries only
 * the interaction id. Cross-site request forgery is prevented by a double submit: the
 * authorization redirect sets a random, HttpOnly `codeflow_browser` cookie, the interaction
 * records its value, and every form carries HMAC(secret, interaction id ‖ browser id). A post
 * needs both the cookie and the token (OAuth 2.0 Security BCP §4.4.1.8 applies the same idea to
 * the client; the IdP's own forms need it too, or a third site could log a victim in).
 *
 * The cookie is SameSite=Lax: a same-site form post carries it, including over plain
 * http://127.0.0.1 in Chromium; it is Secure only when the issuer is https (a Secure cookie set
 * over http is dropped by browsers, which would break local use).
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { adoptFlowBehaviours } from '../behaviours/request-behaviours.js'
import type { SetCookie } from '../http/endpoint-result.js'
import type { Provider } from '../provider.js'
import type { RequestContext } from '../request-context.js'
import { type AuthorizationRequest, type InteractionRecord, storeKey } from '../store/records.js'

export const BROWSER_COOKIE = 'codeflow_browser'

/** A browser id this provider could have issued: 32 random bytes, base64url. */
const BROWSER_ID = /^[A-Za-z0-9_-]{43}$/

export interface NewInteraction {
  request: AuthorizationRequest
  stage: InteractionRecord['stage']
  browserId: string
  sub?: string
  authTime?: number
  sessionId?: string
}

export async function createInteraction(provider: Provider, input: NewInteraction): Promise<InteractionRecord> {
  const record: InteractionRecord = { id: provider.ids.next('interaction'), failures: 0, ...input }
  await saveInteraction(provider, record)
  return record
}

export async function saveInteraction(provider: Provider, record: InteractionRecord): Promise<void> {
  await provider.store.set(storeKey.interaction(record.id), record, provider.config.interactionTtl)
}

/** Loads an interaction; the behaviours of its flow apply to this request from then on. */
export async function loadInteraction(context: RequestContext, id: string): Promise<InteractionRecord | undefined> {
  return inFlow(context, await context.provider.store.get<InteractionRecord>(storeKey.interaction(id)))
}

/** Ends an interaction atomically: of two concurrent submissions, only one can issue a code. */
export async function finishInteraction(context: RequestContext, id: string): Promise<InteractionRecord | undefined> {
  return inFlow(context, await context.provider.store.take<InteractionRecord>(storeKey.interaction(id)))
}

async function inFlow(
  context: RequestContext,
  record: InteractionRecord | undefined,
): Promise<InteractionRecord | undefined> {
  if (record) await adoptFlowBehaviours(context, record.request.clientId, record.request.behaviours)
  return record
}

/** The browser id from the request's cookie, or a new one (with the cookie that sets it). */
export function browserBinding(
  provider: Provider,
  issuer: string,
  cookies: Record<string, string>,
): { browserId: string; cookie?: SetCookie } {
  const existing = cookies[BROWSER_COOKIE]
  if (existing !== undefined && BROWSER_ID.test(existing)) return { browserId: existing }
  const browserId = provider.ids.next('browser')
  return {
    browserId,
    cookie: {
      name: BROWSER_COOKIE,
      value: browserId,
      path: cookiePath(issuer),
      httpOnly: true,
      sameSite: 'Lax',
      secure: isHttps(issuer),
    },
  }
}

/**
 * What a token may be used for besides the page's own forms: the consent page's separate deny
 * form or deny link, and the interstitial's continue link (config `pages`). A token for one
 * purpose is worthless for another, so a deny link (a URL, which may be logged) can never approve.
 */
export type TokenPurpose = 'deny' | 'continue'

export function csrfToken(secret: Buffer, interactionId: string, browserId: string, purpose?: TokenPurpose): string {
  const input =
    purpose === undefined ? `${interactionId}\u0000${browserId}` : `${purpose}\u0000${interactionId}\u0000${browserId}`
  return createHmac('sha256', secret).update(input).digest('base64url')
}

/** Both halves of the double submit must match the interaction, compared in constant time. */
export function csrfValid(
  secret: Buffer,
  interaction: InteractionRecord,
  cookie: string | undefined,
  token: string | undefined,
  purpose?: TokenPurpose,
): boolean {
  if (cookie === undefined || token === undefined) return false
  return (
    constantTimeEqual(cookie, interaction.browserId) &&
    constantTimeEqual(token, csrfToken(secret, interaction.id, interaction.browserId, purpose))
  )
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

export function isHttps(issuer: string): boolean {
  return issuer.startsWith('https:')
}

/**
 * Cookies are scoped to the issuer's path, so several issuers on one host (by path) keep their
 * sessions apart: a sign-in at /tenant-a never replaces the session of /tenant-b.
 */
export function cookiePath(issuer: string): string {
  return new URL(issuer).pathname.replace(/\/$/, '') || '/'
}
