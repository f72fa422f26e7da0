/**
 * The must-reject checks: one per deviation of mock-idp/behaviours/catalog that a client can
 * detect from what it receives. Each arms its behaviour for one sign-in; the app must refuse the
 * sign-in. Data, like the behaviours they arm (mock-idp/behaviours/behaviour.ts): what differs from one to the
 * next is the behaviour, the sentence the client follows, its level and when it can apply.
 * Deviations a client cannot detect are listed, with the reason, in not-client-checks.ts.
 */
import type { OverrideInput } from '../../mock-idp/control/override.js'
import type { ClientArea, SignInCheck, SignInProfile } from './client-check.js'
import { needsMaxAge, needsNoNonce, needsNonce, needsRefresh, needsState, needsUserInfo } from './sign-in-profile.js'

interface RejectSpec {
  name: string
  behaviour: string
  title: string
  level?: 'MUST' | 'SHOULD' | 'MAY'
  spec: string[]
  rule: string
  oidf?: string
  notApplicable?: (profile: SignInProfile) => string | undefined
  endpoint?: 'userinfo' | 'token'
  with?: OverrideInput[]
}

function rejects(area: ClientArea, prefix: string, specs: RejectSpec[]): SignInCheck[] {
  return specs.map((spec) => ({
    id: `client.${prefix}.${spec.name}`,
    title: spec.title,
    area,
    kind: 'must-reject',
    level: spec.level ?? 'MUST',
    spec: spec.spec,
    rule: spec.rule,
    oidf: spec.oidf ?? null,
    arming: {
      kind: 'behaviour',
      behaviour: spec.behaviour,
      ...(spec.endpoint ? { endpoint: spec.endpoint } : {}),
      ...(spec.with ? { with: spec.with } : {}),
    },
    ...(spec.notApplicable ? { notApplicable: spec.notApplicable } : {}),
  }))
}

const STEP = (n: number, text: string) => `OIDC Core §3.1.3.7 step ${n}: ${text}`
/**
 * Why the signature checks are MAY in the code flow: the client received the ID token straight from
 * the token endpoint, so it may rely on TLS instead of the signature.
 */
const TLS_INSTEAD =
  ' In the code flow the client MAY rely on TLS instead: "If the ID Token is received via direct communication between the Client and the Token Endpoint (which it is in this flow), the TLS server validation MAY be used to validate the issuer in place of checking the token signature" (step 6) — reported for information.'

export const idTokenRejectChecks = rejects('client-id-token', 'id-token', [
  {
    name: 'signature-corrupted',
    behaviour: 'id-token-signature-corrupted',
    title: 'Rejects an ID token whose signature does not verify',
    level: 'MAY',
    spec: ['OIDCC-3.1.3.7'],
    rule:
      STEP(
        6,
        '"The Client MUST validate the signature of all other ID Tokens according to JWS using the algorithm specified in the JWT alg Header Parameter."',
      ) + TLS_INSTEAD,
    oidf: 'rp-id_token-bad-sig-rs256',
  },
  {
    name: 'unsigned',
    behaviour: 'id-token-unsigned',
    title: 'Rejects an unsigned ID token (alg "none")',
    level: 'SHOULD',
    spec: ['OIDCC-3.1.3.7'],
    rule: STEP(
      7,
      'the alg "SHOULD be the default of RS256 or the algorithm sent by the Client in the id_token_signed_response_alg parameter during Registration"; alg "none" is only for clients that registered it.',
    ),
  },
  {
    name: 'unpublished-key',
    behaviour: 'id-token-unpublished-key',
    title: 'Rejects an ID token signed with a key the issuer does not publish',
    level: 'MAY',
    spec: ['OIDCC-10.1'],
    rule:
      'OIDC Core §10.1: the keys of the issuer are those of its JWK Set; a signature no published key verifies is invalid (§3.1.3.7 step 6).' +
      TLS_INSTEAD,
  },
  {
    name: 'kid-unknown',
    behaviour: 'id-token-kid-unknown',
    title: 'Rejects an ID token whose kid names no key of the JWK Set',
    level: 'MAY',
    spec: ['OIDCC-10.1.1', 'RFC7515-4.1.4'],
    rule:
      'OIDC Core §10.1.1: on an unfamiliar kid the verifier goes back to the jwks_uri; a kid still unknown there names no key of the issuer.' +
      TLS_INSTEAD,
  },
  {
    name: 'alg-not-advertised',
    behaviour: 'id-token-alg-not-advertised',
    title: 'Rejects an ID token signed with an alg it did not register (RS512)',
    level: 'SHOULD',
    spec: ['OIDCC-3.1.3.7'],
    rule: STEP(
      7,
      'the alg value "SHOULD be the default of RS256 or the algorithm sent by the Client in the id_token_signed_response_alg parameter during Registration".',
    ),
  },
  {
    name: 'hmac-wrong-key',
    behaviour: 'id-token-hmac-wrong-key',
    title: 'Rejects an HS256 ID token keyed by something other than its client secret',
    level: 'MAY',
    spec: ['OIDCC-3.1.3.7', 'OIDCC-10.1'],
    rule:
      STEP(
        8,
        '"If the JWT alg Header Parameter uses a MAC based algorithm such as HS256 … the octets of the UTF-8 representation of the client_secret … are used as the key to validate the signature."',
      ) + TLS_INSTEAD,
    oidf: 'rp-id_token-bad-sig-hs256',
  },
  {
    name: 'hmac-short-secret',
    behaviour: 'id-token-hmac-short-secret',
    title: 'Rejects an HS256 ID token keyed by a client secret shorter than 32 octets',
    level: 'MAY',
    spec: ['OIDCC-16.19'],
    rule:
      'OIDC Core §16.19: "for HS256, the client_secret value MUST contain at least 32 octets"; and a client registered for RS256 accepts no HS256 at all.' +
      TLS_INSTEAD,
  },
  {
    name: 'crit-header',
    behaviour: 'id-token-crit-header',
    title: 'Rejects an ID token with a critical header parameter it does not understand',
    spec: ['RFC7515-4.1.11'],
    rule: 'RFC 7515 §4.1.11: "If any of the listed extension Header Parameters are not understood and supported by the recipient, then the JWS is invalid."',
  },
  {
    name: 'encrypted-unasked',
    behaviour: 'id-token-encrypted-unasked',
    title: 'Rejects an encrypted ID token it never registered for',
    spec: ['OIDCC-10.2', 'OIDCC-3.1.3.7'],
    rule: STEP(
      1,
      '"If the ID Token is encrypted, decrypt it using the keys and algorithms that the Client specified during Registration"; a client that registered no encryption has none to use.',
    ),
  },
  {
    name: 'typ-not-jwt',
    behaviour: 'id-token-typ-not-jwt',
    title: 'Rejects an ID token typed "at+jwt" (an access token)',
    level: 'MAY',
    spec: ['RFC8725-3.11'],
    rule: 'RFC 8725 §3.11: explicit typing keeps one kind of JWT from being taken for another; an ID token typed as a JWT access token (RFC 9068) is not an ID token.',
  },
  {
    name: 'iss-trailing-slash',
    behaviour: 'id-token-iss-trailing-slash',
    title: 'Rejects an ID token whose iss differs from the issuer by a trailing slash',
    spec: ['OIDCC-3.1.3.7'],
    rule: STEP(
      2,
      '"The Issuer Identifier for the OpenID Provider … MUST exactly match the value of the iss (issuer) Claim."',
    ),
    oidf: 'rp-id_token-issuer-mismatch',
  },
  {
    name: 'aud-other-client',
    behaviour: 'id-token-aud-other-client',
    title: 'Rejects an ID token issued to another client (aud)',
    spec: ['OIDCC-3.1.3.7'],
    rule: STEP(3, '"The ID Token MUST be rejected if the ID Token does not list the Client as a valid audience."'),
    oidf: 'rp-id_token-aud',
  },
  {
    name: 'azp-other-client',
    behaviour: 'id-token-azp-other-client',
    title: 'Rejects an ID token whose azp is another client',
    spec: ['OIDCC-3.1.3.7'],
    rule: STEP(
      5,
      '"If an azp (authorized party) Claim is present, the Client SHOULD verify that its client_id is the Claim Value"; OIDC Core §2: azp is the party to which the ID Token was issued.',
    ),
    level: 'SHOULD',
  },
  {
    name: 'expired',
    behaviour: 'id-token-expired',
    title: 'Rejects an expired ID token',
    spec: ['OIDCC-3.1.3.7'],
    rule: STEP(9, '"The current time MUST be before the time represented by the exp Claim."'),
  },
  {
    name: 'iat-in-future',
    behaviour: 'id-token-iat-in-future',
    title: 'Rejects an ID token issued an hour in the future',
    level: 'SHOULD',
    spec: ['OIDCC-3.1.3.7', 'OIDCC-2'],
    rule: STEP(
      10,
      '"The iat Claim can be used to reject tokens that were issued too far away from the current time"; an hour ahead is beyond any clock skew a client tolerates.',
    ),
    oidf: 'rp-id_token-iat',
  },
  {
    name: 'sub-too-long',
    behaviour: 'id-token-sub-too-long',
    title: 'Rejects an ID token whose sub exceeds 255 ASCII characters',
    level: 'SHOULD',
    spec: ['OIDCC-2'],
    rule: 'OIDC Core §2: sub "MUST NOT exceed 255 ASCII characters in length"; a client that truncates it to fit may merge two users.',
    oidf: 'rp-id_token-sub',
  },
  {
    name: 'nonce-omitted',
    behaviour: 'id-token-nonce-omitted',
    title: 'Rejects an ID token without the nonce it sent',
    spec: ['OIDCC-3.1.3.7'],
    rule: STEP(
      11,
      '"If a nonce value was sent in the Authentication Request, a nonce Claim MUST be present and its value checked to verify that it is the same value as the one that was sent."',
    ),
    notApplicable: needsNonce,
  },
  {
    name: 'nonce-mismatch',
    behaviour: 'id-token-nonce-mismatch',
    title: 'Rejects an ID token whose nonce differs from the one it sent',
    spec: ['OIDCC-3.1.3.7'],
    rule: STEP(
      11,
      'the nonce Claim\'s "value [is] checked to verify that it is the same value as the one that was sent in the Authentication Request."',
    ),
    oidf: 'rp-nonce-invalid',
    notApplicable: needsNonce,
  },
  {
    name: 'nonce-unrequested',
    behaviour: 'id-token-nonce-unrequested',
    title: 'Rejects an ID token carrying a nonce it never sent',
    spec: ['OIDCC-2'],
    rule: 'OIDC Core §2: "If present in the ID Token, Clients MUST verify that the nonce Claim Value is equal to the value of the nonce parameter sent in the Authentication Request."',
    notApplicable: needsNoNonce,
  },
  {
    name: 'at-hash-wrong',
    behaviour: 'id-token-at-hash-wrong',
    title: 'Rejects an access token whose at_hash in the ID token does not match',
    level: 'MAY',
    spec: ['OIDCC-3.1.3.8'],
    rule: 'OIDC Core §3.1.3.8: "If the ID Token contains an at_hash Claim, the Client MAY use it to validate the Access Token" — optional in the code flow, so reported for information.',
    oidf: 'rp-id_token-bad-at_hash',
  },
  {
    name: 'auth-time-omitted',
    behaviour: 'id-token-auth-time-omitted',
    title: 'Rejects an ID token without auth_time after a request with max_age',
    spec: ['OIDCC-3.1.2.1'],
    rule: 'OIDC Core §3.1.2.1 (max_age): "When max_age is used, the ID Token returned MUST include an auth_time Claim Value."',
    notApplicable: needsMaxAge,
  },
  {
    name: 'auth-time-stale',
    behaviour: 'id-token-auth-time-stale',
    title: 'Rejects an ID token whose auth_time is older than the max_age it sent',
    spec: ['OIDCC-3.1.3.7'],
    rule: STEP(
      13,
      '"If the auth_time Claim was requested … the Client SHOULD check the auth_time Claim value and request re-authentication if it determines too much time has elapsed since the last End-User authentication."',
    ),
    level: 'SHOULD',
    notApplicable: needsMaxAge,
  },
  {
    name: 'refresh-sub-changed',
    behaviour: 'id-token-refresh-sub-changed',
    title: 'Rejects a refreshed ID token for another subject',
    spec: ['OIDCC-12.2'],
    rule: 'OIDC Core §12.2: in a refreshed ID token "its sub Claim Value MUST be the same as in the ID Token issued when the original authentication occurred".',
    notApplicable: needsRefresh,
  },
  {
    name: 'refresh-auth-time-renewed',
    behaviour: 'id-token-refresh-auth-time-renewed',
    title: 'Rejects a refreshed ID token whose auth_time moved to the refresh',
    spec: ['OIDCC-12.2'],
    rule: 'OIDC Core §12.2: a refreshed ID token\'s auth_time "MUST represent the time of the original authentication", not the time of the refresh.',
    notApplicable: needsRefresh,
  },
])

export const authorizationResponseRejectChecks = rejects('client-authorization-response', 'authorization-response', [
  {
    name: 'state-dropped',
    behaviour: 'state-dropped',
    title: 'Rejects an authorization response without the state it sent',
    spec: ['RFC6749-4.1.2', 'RFC6749-10.12'],
    rule: 'RFC 6749 §4.1.2: state is "REQUIRED if the "state" parameter was present in the client authorization request"; §10.12: the client MUST protect its redirection URI against CSRF.',
    notApplicable: needsState,
  },
  {
    name: 'state-truncated',
    behaviour: 'state-truncated',
    title: 'Rejects an authorization response whose state was cut short',
    spec: ['RFC6749-4.1.2', 'RFC6749-10.12'],
    rule: 'RFC 6749 §4.1.2: state is "The exact value received from the client"; anything else does not bind the response to the user agent (§10.12).',
    notApplicable: (profile) =>
      needsState(profile) ??
      ((profile.state?.length ?? 0) <= 64
        ? "the client's state is 64 characters or shorter, which the deviation leaves intact"
        : undefined),
  },
  {
    name: 'state-plus-as-space',
    behaviour: 'state-plus-as-space',
    title: 'Rejects an authorization response whose state came back altered ("+" as space)',
    spec: ['RFC6749-4.1.2'],
    rule: 'RFC 6749 §4.1.2: state is "The exact value received from the client".',
    notApplicable: (profile) =>
      needsState(profile) ??
      (profile.state?.includes('+') ? undefined : 'the client\'s state has no "+", which the deviation alters'),
  },
  {
    name: 'state-invented',
    behaviour: 'state-invented',
    title: 'Rejects an authorization response carrying a state it never sent',
    spec: ['RFC6749-4.1.2'],
    rule: 'RFC 6749 §4.1.2: state is returned only "if the "state" parameter was present in the client authorization request".',
    notApplicable: (profile) =>
      profile.state === undefined
        ? undefined
        : 'the client sends a state; this deviation only shows with a request without one',
  },
  {
    name: 'iss-wrong',
    behaviour: 'iss-wrong',
    title: 'Rejects an authorization response whose iss is another issuer (mix-up)',
    spec: ['RFC9207-2.4'],
    rule: 'RFC 9207 §2.4: clients "MUST compare the value of the iss parameter against the issuer identifier" and "MUST reject" a response whose iss does not match.',
  },
  {
    name: 'iss-omitted',
    behaviour: 'iss-omitted',
    title: 'Rejects an authorization response without iss when the metadata promises it',
    spec: ['RFC9207-2.4'],
    rule: 'RFC 9207 §2.4: with authorization_response_iss_parameter_supported true, clients "MUST reject authorization responses without the iss parameter".',
  },
])

export const tokenResponseRejectChecks = rejects('client-token-response', 'token-response', [
  {
    name: 'token-type-missing',
    behaviour: 'token-type-missing',
    title: 'Rejects a token response without token_type',
    spec: ['RFC6749-5.1', 'RFC6749-7.1'],
    rule: 'RFC 6749 §5.1: token_type is REQUIRED; §7.1: "The client MUST NOT use an access token if it does not understand the token type."',
  },
  {
    name: 'error-with-200',
    behaviour: 'token-error-status-200',
    title: 'Treats a token response carrying "error" as an error, even with status 200',
    spec: ['RFC6749-5.2', 'OIDCC-3.1.3.4'],
    rule: 'RFC 6749 §5.2: an error response carries "error"; a response with an error member holds no tokens whatever its status.',
    with: [{ endpoint: 'token', error: 'invalid_grant', description: 'the code has expired' }],
  },
])

export const userInfoRejectChecks = rejects('client-userinfo', 'userinfo', [
  {
    name: 'sub-differs',
    behaviour: 'userinfo-sub-differs',
    endpoint: 'userinfo',
    title: 'Discards a UserInfo response for another subject',
    spec: ['OIDCC-5.3.2'],
    rule: 'OIDC Core §5.3.2: "The sub Claim in the UserInfo Response MUST be verified to exactly match the sub Claim in the ID Token; if they do not match, the UserInfo Response values MUST NOT be used."',
    oidf: 'rp-userinfo-bad-sub-claim',
    notApplicable: needsUserInfo,
  },
  {
    name: 'sub-omitted',
    behaviour: 'userinfo-sub-omitted',
    endpoint: 'userinfo',
    title: 'Discards a UserInfo response without sub',
    spec: ['OIDCC-5.3.2'],
    rule: 'OIDC Core §5.3.2: "The sub (subject) Claim MUST always be returned in the UserInfo Response" and must match the ID token\'s.',
    notApplicable: needsUserInfo,
  },
  {
    name: 'not-json',
    behaviour: 'userinfo-not-json',
    endpoint: 'userinfo',
    title: 'Refuses a UserInfo response that is not application/json',
    level: 'MAY',
    spec: ['OIDCC-5.3.2'],
    rule: 'OIDC Core §5.3.2: the claims are "returned as the members of a JSON object" with "Content-Type application/json" unless the client registered for a signed or encrypted JWT.',
    notApplicable: needsUserInfo,
  },
])
