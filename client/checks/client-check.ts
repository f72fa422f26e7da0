/**
 * A client check: one sign-in of the partner's app (or an observation of the requests it sent)
 * judged against one sentence of the specs the client must follow. Three kinds:
 *
 * - `must-reject`: a deviation is armed at the mock (a behaviour of mock-idp/behaviours/catalog);
 *   passed when the app refuses the sign-in, failed (at the check's level) when it signs the user in;
 * - `must-accept`: an unusual but correct answer (a rotated key, an unknown claim, a slow token
 *   endpoint); passed when the app signs the user in, failed when it refuses — false rejections
 *   break real users;
 * - `observed`: a pure judgement of the requests the mock recorded during normal sign-ins (PKCE,
 *   state, nonce, redirect_uri, client authentication, tokens in URLs, JWK Set caching).
 *
 * Applicability is never guessed: `notApplicable` reads the baseline sign-in (did the app send a
 * nonce, call UserInfo, send max_age?) and a check that cannot apply is skipped with the reason.
 */
import type { OverrideInput } from '../../mock-idp/control/override.js'
import type { RecordedExchange } from '../../mock-idp/recorder.js'
import type { Level } from '../../reports/run-result.js'
import type { Verdict } from '../../suites/harness/check.js'

export type ClientCheckKind = 'must-reject' | 'must-accept' | 'observed'

export const CLIENT_AREAS = {
  'client-id-token': 'ID token validation (OIDC Core §3.1.3.7)',
  'client-authorization-response': 'Authorization response: state and iss (RFC 6749 §4.1.2, RFC 9207)',
  'client-token-response': 'Token response (RFC 6749 §5.1)',
  'client-userinfo': 'UserInfo response (OIDC Core §5.3.2)',
  'client-discovery': 'Provider metadata and JWK Set (OIDC Discovery, OIDC Core §10.1)',
  'client-keys': 'Signing keys: rotation and caching (OIDC Core §10.1.1)',
  'client-requests': 'What the client sends (PKCE, state, nonce, redirect_uri, authentication)',
} as const
export type ClientArea = keyof typeof CLIENT_AREAS

/** What a check arms at the mock before its sign-in. */
export type Arming =
  /**
   * A behaviour for the next sign-in flow (`use({ behaviour })`: its pages, its authorization
   * response, the redemption of its code), or for the next request at `endpoint`; `with` adds
   * overrides the deviation needs (an error for it to show on).
   */
  | { kind: 'behaviour'; behaviour: string; endpoint?: 'userinfo' | 'token'; with?: OverrideInput[] }
  /** Overrides for the next sign-in, built from the mock's time and the registered client. */
  | { kind: 'overrides'; describe: string; build: (context: ArmingContext) => OverrideInput[] }
  /** A key rotation before the sign-in: the app met the old key in the sign-ins before. */
  | { kind: 'rotate-keys'; graceMs: number; describe: string }
  /**
   * A fresh issuer configured with the deviation (discovery and the JWK Set are read when the app
   * starts or first signs in): needs an app the runner restarts with `{issuer}`.
   */
  | { kind: 'fresh-issuer'; describe: string; behaviours?: string[]; config?: Record<string, unknown> }
  /** Nothing armed: the check judges the requests of the normal sign-ins. */
  | { kind: 'none' }

export interface ArmingContext {
  /** The mock's time, seconds since the epoch. */
  now: number
  clientId: string
}

/** What the baseline sign-in showed about how this client signs in (client/checks/sign-in-profile.ts). */
export interface SignInProfile {
  state: string | undefined
  nonce: string | undefined
  sentMaxAge: boolean
  callsUserInfo: boolean
  refreshes: boolean
  /** The authorization request's redirect_uri. */
  redirectUri: string | undefined
}

/** The recorded requests of the sign-ins an observed check judges (unredacted: compared, never reported). */
export interface ObservedEvidence {
  registration: {
    client_id: string
    redirect_uris: string[]
    token_endpoint_auth_method: 'client_secret_basic' | 'client_secret_post' | 'none'
  }
  /** The mock's requests of the baseline sign-in. */
  baseline: RecordedExchange[]
  /** The mock's requests of a second normal sign-in, right after the baseline. */
  repeat: RecordedExchange[] | undefined
  /** The mock's requests of the sign-in after a key rotation, when that check ran. */
  afterRotation: { requests: RecordedExchange[]; signedIn: boolean } | undefined
  /** Every URL the sign-in driver passed through in the baseline sign-in. */
  visitedUrls: string[]
}

interface ClientCheckBase {
  /** `client.<area>.<name>` */
  id: string
  title: string
  area: ClientArea
  level: Level
  /** Spec tokens (core/spec-refs.ts) of the sentence the client must follow. */
  spec: string[]
  /** The sentence, quoted or paraphrased with its section: what the docs and the report show. */
  rule: string
  /** The OpenID Foundation RP certification test this corresponds to, or null (we go further there). */
  oidf: string | null
  notApplicable?: (profile: SignInProfile) => string | undefined
}

export interface SignInCheck extends ClientCheckBase {
  kind: 'must-reject' | 'must-accept'
  arming: Exclude<Arming, { kind: 'none' }>
}

export interface ObservedCheck extends ClientCheckBase {
  kind: 'observed'
  arming: { kind: 'none' }
  evaluate: (evidence: ObservedEvidence) => Verdict
}

export type ClientCheck = SignInCheck | ObservedCheck

/** The behaviour a check arms, if it arms one (for the docs and the "every behaviour is placed" test). */
export function armedBehaviours(check: ClientCheck): string[] {
  if (check.arming.kind === 'behaviour') return [check.arming.behaviour]
  if (check.arming.kind === 'fresh-issuer') return check.arming.behaviours ?? []
  return []
}

/** How the arming reads in the docs. */
export function describeArming(check: ClientCheck): string {
  switch (check.arming.kind) {
    case 'behaviour':
      return `behaviour \`${check.arming.behaviour}\` for ${check.arming.endpoint ? `the next ${check.arming.endpoint} request` : 'the sign-in'}${check.arming.with ? ` (with ${check.arming.with.map((override) => JSON.stringify(override)).join(', ')})` : ''}`
    case 'fresh-issuer':
      return `fresh issuer: ${check.arming.describe}`
    case 'overrides':
    case 'rotate-keys':
      return check.arming.describe
    case 'none':
      return 'none: the requests of normal sign-ins'
  }
}
