/**
 * A behaviour is one deliberate deviation from one rule (docs/behaviours.md). It is data: an id, what it does, the spec sentence it breaks (the same kind of token a
 * check cites, so "every behaviour is caught by a check" is one mechanical test), how a client
 * should react, and where it applies. It applies at exactly one seam:
 *
 * - `validation`: one named rule of the mock (rules.ts) is not enforced;
 * - `request`: the request is refused (or answered) before the endpoint runs;
 * - `authorization-response`: the fields of an authorization response before they are delivered;
 * - `id-token`: the ID token's header, claims and signing before it is signed;
 * - `mint`: the value of a newly minted code or token;
 * - `subject`: the `sub` the client is given, in the ID token and at UserInfo alike (OIDC Core §5.3.2
 *   has them equal, so changing the identifier itself breaks one rule, not two);
 * - `response`: an endpoint's answer before it is sent.
 *
 * Endpoints never ask "is behaviour X on?": they enforce named rules and pass values through the
 * seams; which behaviours are on is `ActiveBehaviours`' business.
 */
import type { EndpointUrls } from '../endpoint-urls.js'
import type { EndpointName } from '../endpoints/endpoint-name.js'
import type { OAuthError } from '../errors.js'
import type { EndpointResult } from '../http/endpoint-result.js'
import type { ParsedRequest } from '../http/parsed-request.js'
import type { Rule } from './rules.js'

export interface BehaviourInfo {
  /** kebab-case, stable: it is what `--behaviour`, config and `codeflow_behaviour` name. */
  id: string
  /** What the mock does instead of the right thing, in one sentence. */
  description: string
  /** Spec reference tokens of the rule(s) broken (the tokens of core/spec-refs.ts). */
  violates: readonly string[]
  /** The strength of the broken rule: a client (or check) must treat MUST deviations as errors. */
  level: 'MUST' | 'SHOULD'
  /** How a client under test should react (the last column of docs/behaviours.md's table). */
  client: string
}

/** Everything the `request` and `response` seams may look at. */
export interface SeamContext {
  endpoint: EndpointName
  request: ParsedRequest
  issuer: string
  urls: EndpointUrls
}

/** An authorization response's fields, in order (RFC 6749 §4.1.2, §4.1.2.1; RFC 9207 §2). */
export type ResponseFields = Array<[string, string]>

export interface AuthorizationResponseContext {
  outcome: 'success' | 'error'
  issuer: string
  /** The `state` the client sent, if any. */
  state: string | undefined
}

/**
 * An ID token before signing. `signing` says how it is signed: with the configured key (the
 * default), not at all (`alg: none`), with a freshly generated key the JWK Set does not publish,
 * with an HMAC keyed by something other than the client secret, or correctly but with the
 * signature bytes damaged afterwards. The other ways are in sign-deviously.ts: an HMAC keyed by
 * the client secret (`alg` from the header), the configured key under an algorithm the provider
 * does not advertise, the key's public JWK embedded in the header, a `crit` header signed as is,
 * and a signed token encrypted to the client secret (a nested JWT).
 */
export interface IdTokenDraft {
  header: Record<string, unknown>
  claims: Record<string, unknown>
  signing:
    | 'configured'
    | 'unsigned'
    | 'unpublished-key'
    | 'wrong-hmac-key'
    | 'corrupted-signature'
    | 'client-secret-hmac'
    | 'unadvertised-alg'
    | 'embedded-jwk'
    | 'critical-extension'
    | 'encrypted-to-client-secret'
}

export interface IdTokenContext {
  /** The grant that issues this ID token (OIDC Core §3.1.3.3, §12.2). */
  grantType: 'authorization_code' | 'refresh_token'
  clientId: string
  /** Seconds since the epoch, from the mock's clock. */
  now: number
}

export type MintedKind = 'code' | 'access_token' | 'refresh_token'

export type BehaviourSeam =
  | { seam: 'validation'; waives: Rule }
  | {
      seam: 'request'
      endpoints: readonly EndpointName[]
      /** An error to answer with instead of running the endpoint, or undefined to go on. */
      apply: (context: SeamContext, params: URLSearchParams) => OAuthError | undefined
    }
  | {
      seam: 'authorization-response'
      apply: (fields: ResponseFields, context: AuthorizationResponseContext) => ResponseFields
    }
  | { seam: 'id-token'; apply: (draft: IdTokenDraft, context: IdTokenContext) => IdTokenDraft }
  | { seam: 'mint'; kind: MintedKind; apply: (value: string) => string }
  | { seam: 'subject'; apply: (sub: string) => string }
  | {
      seam: 'response'
      endpoints: readonly EndpointName[]
      apply: (result: EndpointResult, context: SeamContext) => EndpointResult
    }

export type Behaviour = BehaviourInfo & BehaviourSeam

/** Identity, for typing a catalog file's list. */
export function behaviours(list: Behaviour[]): readonly Behaviour[] {
  return list
}
