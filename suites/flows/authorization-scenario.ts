/**
 * Helpers for the authorization-endpoint scenarios: a gatherer per
 * scenario, a shared signed-in session so that variations of a successful request cost no
 * extra login, and the "where may a redirect not go" list for the bad-redirect scenarios.
 */
import type { CookieJar } from 'tough-cookie'
import type { Evidence, EvidenceKey } from '../harness/evidence.js'
import { type AnyGatherer, defineGatherer, type GatherContext } from '../harness/gatherer.js'
import type { TargetClient } from '../harness/target.js'
import { randomToken } from './authorization-request.js'
import { type AuthorizeOptions, authorize, authorizeForCode } from './code-flow.js'
import type { FlowAttempt } from './flow-attempt.js'

/** One gatherer providing one evidence key, named after it. */
export function scenarioGatherer<K extends EvidenceKey>(
  key: K,
  gather: (context: GatherContext) => Promise<Evidence[K]>,
): AnyGatherer {
  return defineGatherer({
    id: `scenario:${key}`,
    provides: [key],
    gather: async (context) => ({ [key]: await gather(context) }) as { [P in K]: Evidence[P] },
  })
}

/** A 128-character random state (RFC 6749 §10.12: unguessable), as OIDF uses on its error paths. */
export function longState(): string {
  return randomToken(96)
}

/** Authorizes without redeeming anything: the authorization response is the evidence. */
export async function attemptOnly(context: GatherContext, options: AuthorizeOptions): Promise<FlowAttempt> {
  return { attempt: await authorize(context, options) }
}

export interface SessionEvidence {
  /** The cookie jar of a signed-in user (after one complete login with the primary client). */
  jar: CookieJar
}

declare module '../harness/evidence.js' {
  interface Evidence {
    authorizationSession: SessionEvidence
  }
}

/**
 * One login shared by the scenarios that vary a successful request: with an SSO session the
 * later requests skip the login page; without one (`capabilities.sso_session: false`) the driver
 * simply logs in again.
 */
export const authorizationSessionGatherer = scenarioGatherer('authorizationSession', async (context) => {
  const { jar } = await authorizeForCode(context, { label: 'authorization: sign in once for the scenarios' })
  return { jar }
})

export async function sessionJar(context: GatherContext): Promise<CookieJar> {
  return (await context.need('authorizationSession')).jar
}

/**
 * URIs whose whole origin counts as "back at the client" (a navigation anywhere there left the
 * authorization server), unless the origin is the authorization server's own.
 */
export function originWide(uris: string[], authorizationEndpoint: string): string[] {
  const own = safeOrigin(authorizationEndpoint)
  const out = new Set<string>()
  for (const uri of uris) {
    const origin = safeOrigin(uri)
    if (origin && origin !== own) out.add(`${origin}/`)
  }
  return [...out]
}

function safeOrigin(uri: string): string | undefined {
  try {
    const origin = new URL(uri).origin
    return origin === 'null' ? undefined : origin
  } catch {
    return undefined
  }
}

/** The registered redirect URI to vary: the first one without a query or fragment, else the first. */
export function plainRedirectUri(client: TargetClient): string {
  return client.redirect_uris.find((uri) => !uri.includes('?') && !uri.includes('#')) ?? client.redirect_uris[0]!
}

/** An attacker-controlled redirect URI (never resolved: the redirect is captured, not followed). */
export const ATTACKER_REDIRECT_URI = 'https://attacker.codeflow.invalid/cb'
