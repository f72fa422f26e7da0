/** Behaviours of the ID token: its claims, header and signature (OIDC Core §2, §3.1.3.6–3.1.3.7, §10.1). */
import { behaviours } from '../behaviour.js'

/** A client id no registered client has, for audiences and authorized parties that are not the client's. */
const OTHER_CLIENT = 'codeflow-some-other-client'

export const idTokenBehaviours = behaviours([
  {
    id: 'id-token-nonce-omitted',
    description: 'Leaves nonce out of the ID token although the authorization request sent one.',
    violates: ['OIDCC-3.1.2.1', 'OIDCC-3.1.3.7'],
    level: 'MUST',
    client: 'Reject the ID token: its nonce must equal the one the client sent (OIDC Core §3.1.3.7 step 11).',
    seam: 'id-token',
    apply: (draft) => {
      delete draft.claims.nonce
      return draft
    },
  },
  {
    id: 'id-token-unsigned',
    description: 'Sends the ID token unsigned, with alg "none".',
    violates: ['OIDCC-3.1.3.7'],
    level: 'MUST',
    client:
      'Reject the ID token: alg "none" is acceptable only for a client that registered for it (OIDC Core §3.1.3.7 step 7).',
    seam: 'id-token',
    apply: (draft) => ({ ...draft, signing: 'unsigned' }),
  },
  {
    id: 'id-token-expired',
    description: 'Issues an ID token that expired an hour ago (iat two hours ago).',
    violates: ['OIDCC-3.1.3.7', 'RFC7519-4.1.4'],
    level: 'MUST',
    client:
      'Reject the ID token: "The current time MUST be before the time represented by the exp Claim" (OIDC Core §3.1.3.7 step 9).',
    seam: 'id-token',
    apply: (draft, { now }) => ({ ...draft, claims: { ...draft.claims, iat: now - 7200, exp: now - 3600 } }),
  },
  // Signature and keys (OIDC Core §3.1.3.7 steps 6–8, §10.1).
  {
    id: 'id-token-signature-corrupted',
    description: 'Signs the ID token with the published key, then flips bits of the signature.',
    violates: ['OIDCC-10.1'],
    level: 'MUST',
    client:
      'Reject the ID token: its signature must verify with the key the JWK Set names (OIDC Core §3.1.3.7 step 6).',
    seam: 'id-token',
    apply: (draft) => ({ ...draft, signing: 'corrupted-signature' }),
  },
  {
    id: 'id-token-unpublished-key',
    description: 'Signs the ID token with a key the JWK Set does not publish, under the kid of the published one.',
    violates: ['OIDCC-10.1'],
    level: 'MUST',
    client:
      'Reject the ID token: "The Client MUST use the keys provided by the Issuer" and this signature verifies with none (OIDC Core §3.1.3.7 step 6).',
    seam: 'id-token',
    apply: (draft) => ({ ...draft, signing: 'unpublished-key' }),
  },
  {
    id: 'id-token-kid-unknown',
    description: 'Signs the ID token with the published key but names a kid that no key of the JWK Set has.',
    violates: ['RFC7515-4.1.4'],
    level: 'MUST',
    client:
      'Reject the ID token (after at most one refresh of the JWK Set): its kid names no key of the issuer (OIDC Core §10.1.1).',
    seam: 'id-token',
    apply: (draft) => ({ ...draft, header: { ...draft.header, kid: `${String(draft.header.kid)}-not-published` } }),
  },
  {
    id: 'id-token-alg-not-advertised',
    description:
      'Signs the ID token with the published RSA key under RS512, an alg id_token_signing_alg_values_supported does not list.',
    violates: ['OIDCD-3'],
    level: 'MUST',
    client:
      'Reject the ID token: its alg must be the one the client registered, RS256 by default (OIDC Core §3.1.3.7 step 7).',
    seam: 'id-token',
    apply: (draft) => ({ ...draft, signing: 'unadvertised-alg' }),
  },
  {
    id: 'id-token-hmac-wrong-key',
    description: 'MACs the ID token with HS256 keyed by random bytes instead of the client secret.',
    violates: ['OIDCC-10.1'],
    level: 'MUST',
    client:
      'Reject the ID token: an HS256 MAC must verify with the octets of the client secret (OIDC Core §3.1.3.7 step 8, §10.1).',
    seam: 'id-token',
    apply: (draft) => ({ ...draft, signing: 'wrong-hmac-key' }),
  },
  {
    id: 'id-token-hmac-short-secret',
    description:
      'MACs the ID token with HS256 keyed by the client secret whatever its length, though HS256 needs 32 octets (the development clients have fewer).',
    violates: ['OIDCC-16.19'],
    level: 'MUST',
    client:
      'Refuse HS256 ID tokens keyed by a client secret shorter than 32 octets: "for HS256, the client_secret value MUST contain at least 32 octets" (OIDC Core §16.19).',
    seam: 'id-token',
    apply: (draft) => ({ ...draft, header: { ...draft.header, alg: 'HS256' }, signing: 'client-secret-hmac' }),
  },
  {
    id: 'id-token-jwk-header',
    description: 'Copies the public key that signed the ID token into its header as "jwk".',
    violates: ['OIDCC-2'],
    level: 'SHOULD',
    client:
      'Ignore the "jwk" header and verify with the keys of the issuer\'s JWK Set only: a key carried by the token proves nothing (OIDC Core §2, §10.1).',
    seam: 'id-token',
    apply: (draft) => ({ ...draft, signing: 'embedded-jwk' }),
  },
  // Header (RFC 7515 §4.1.11; RFC 7519 §5.1; OIDC Core §10.2).
  {
    id: 'id-token-crit-header',
    description: 'Marks an extension header parameter of its own invention as critical ("crit").',
    violates: ['RFC7515-4.1.11'],
    level: 'MUST',
    client:
      'Reject the ID token: "If any of the listed extension Header Parameters are not understood and supported by the recipient, then the JWS is invalid" (RFC 7515 §4.1.11).',
    seam: 'id-token',
    apply: (draft) => ({
      ...draft,
      header: { ...draft.header, crit: ['urn:codeflow:unknown-extension'], 'urn:codeflow:unknown-extension': true },
      signing: 'critical-extension',
    }),
  },
  {
    id: 'id-token-typ-not-jwt',
    description: 'Types the ID token "at+jwt", the media type of JWT access tokens (RFC 9068), instead of "JWT".',
    violates: ['RFC7519-5.1'],
    level: 'SHOULD',
    client:
      'Do not mistake one kind of JWT for another: an ID token typed "at+jwt" is suspect (RFC 8725 §3.11); accept "JWT" or no typ.',
    seam: 'id-token',
    apply: (draft) => ({ ...draft, header: { ...draft.header, typ: 'at+jwt' } }),
  },
  {
    id: 'id-token-encrypted-unasked',
    description:
      'Encrypts the signed ID token (a nested JWT, "dir" with a key derived from the client secret) although the client registered no encryption.',
    violates: ['OIDCC-10.2'],
    level: 'MUST',
    client:
      'Reject the ID token: a client that registered no id_token_encrypted_response_alg expects a signed JWT, not a JWE (OIDC Core §10.2).',
    seam: 'id-token',
    apply: (draft) => ({ ...draft, signing: 'encrypted-to-client-secret' }),
  },
  // Claims (OIDC Core §2, §3.1.3.7).
  {
    id: 'id-token-iss-trailing-slash',
    description: 'Sets iss to the issuer with a trailing "/" added (or removed, if it has one).',
    violates: ['OIDCC-3.1.3.7'],
    level: 'MUST',
    client:
      'Reject the ID token: the issuer "MUST exactly match the value of the iss (issuer) Claim" (OIDC Core §3.1.3.7 step 2).',
    seam: 'id-token',
    apply: (draft) => {
      const iss = String(draft.claims.iss)
      return { ...draft, claims: { ...draft.claims, iss: iss.endsWith('/') ? iss.slice(0, -1) : `${iss}/` } }
    },
  },
  {
    id: 'id-token-aud-other-client',
    description: 'Sets aud to the client_id of another client.',
    violates: ['OIDCC-3.1.3.7'],
    level: 'MUST',
    client:
      'Reject the ID token: it "MUST be rejected if the ID Token does not list the Client as a valid audience" (OIDC Core §3.1.3.7 step 3).',
    seam: 'id-token',
    apply: (draft) => ({ ...draft, claims: { ...draft.claims, aud: OTHER_CLIENT } }),
  },
  {
    id: 'id-token-azp-other-client',
    description: 'Sets azp to the client_id of another client while aud stays the client.',
    violates: ['OIDCC-2'],
    level: 'MUST',
    client:
      'Reject the ID token: an azp must be the client_id of the client it was issued to (OIDC Core §2; §3.1.3.7 step 5).',
    seam: 'id-token',
    apply: (draft) => ({ ...draft, claims: { ...draft.claims, azp: OTHER_CLIENT } }),
  },
  {
    id: 'id-token-iat-in-future',
    description: 'Dates the ID token an hour ahead: iat is an hour in the future (exp moves with it).',
    violates: ['OIDCC-2'],
    level: 'MUST',
    client:
      'Reject the ID token: iat is "the time at which the JWT was issued", which cannot be in the future (OIDC Core §2; §3.1.3.7 step 10).',
    seam: 'id-token',
    apply: (draft, { now }) => {
      const lifetime = Number(draft.claims.exp) - Number(draft.claims.iat)
      return { ...draft, claims: { ...draft.claims, iat: now + 3600, exp: now + 3600 + lifetime } }
    },
  },
  {
    id: 'id-token-sub-too-long',
    description:
      'Pads the sub to 300 characters, beyond the 255 ASCII characters a sub may have, in the ID token and at UserInfo alike.',
    violates: ['OIDCC-2'],
    level: 'MUST',
    client:
      'Reject the ID token: sub "MUST NOT exceed 255 ASCII characters in length" (OIDC Core §2); do not truncate it to fit a column.',
    // The identifier itself is too long, so UserInfo's sub matches the ID token's (OIDC Core
    // §5.3.2): a client that compares the two must still notice the length.
    seam: 'subject',
    apply: (sub) => sub.padEnd(300, '0'),
  },
  {
    id: 'id-token-nonce-mismatch',
    description: 'Puts a nonce in the ID token that differs from the one the authorization request sent.',
    violates: ['OIDCC-3.1.2.1'],
    level: 'MUST',
    client:
      'Reject the ID token: its nonce must equal the one the client sent, or the token may be replayed (OIDC Core §3.1.3.7 step 11).',
    seam: 'id-token',
    apply: (draft) =>
      draft.claims.nonce === undefined
        ? draft
        : { ...draft, claims: { ...draft.claims, nonce: `${String(draft.claims.nonce)}-not-yours` } },
  },
  {
    id: 'id-token-nonce-unrequested',
    description: 'Adds a nonce of its own to the ID token when the authorization request sent none.',
    violates: ['OIDCC-2'],
    level: 'MUST',
    client:
      'Reject the ID token: "If present in the ID Token, Clients MUST verify that the nonce Claim Value is equal to the value of the nonce parameter sent" (OIDC Core §2), and none was sent.',
    seam: 'id-token',
    apply: (draft, { grantType, now }) =>
      grantType !== 'authorization_code' || draft.claims.nonce !== undefined
        ? draft
        : { ...draft, claims: { ...draft.claims, nonce: `codeflow-invented-${now}` } },
  },
  {
    id: 'id-token-at-hash-wrong',
    description: 'Sends an at_hash that is not the hash of the access token (its characters reversed).',
    violates: ['OIDCC-3.1.3.6'],
    level: 'MUST',
    client:
      'Reject the access token (or the response): at_hash must be the left half of the hash of the access token (OIDC Core §3.1.3.8 step 3).',
    seam: 'id-token',
    apply: (draft) =>
      typeof draft.claims.at_hash !== 'string'
        ? draft
        : { ...draft, claims: { ...draft.claims, at_hash: [...draft.claims.at_hash].reverse().join('') } },
  },
  {
    id: 'id-token-c-hash-wrong',
    description: 'Adds a c_hash computed over the access token instead of the authorization code.',
    violates: ['OIDCC-3.3.2.11'],
    level: 'MUST',
    client:
      'Reject the ID token when it carries a c_hash that is not the left half of the hash of the code (OIDC Core §3.3.2.11, §3.3.2.10).',
    seam: 'id-token',
    apply: (draft) => ({
      ...draft,
      claims: { ...draft.claims, c_hash: draft.claims.at_hash ?? 'LDktKdoQak3Pk0cnXxCltA' },
    }),
  },
  {
    id: 'id-token-auth-time-omitted',
    description: 'Leaves auth_time out of the ID token, also when the authorization request had max_age.',
    violates: ['OIDCC-3.1.2.1'],
    level: 'MUST',
    client:
      'Reject the ID token of a request with max_age that has no auth_time: "the ID Token returned MUST include an auth_time Claim Value" (OIDC Core §3.1.2.1).',
    seam: 'id-token',
    apply: (draft) => {
      delete draft.claims.auth_time
      return draft
    },
  },
  {
    id: 'id-token-auth-time-stale',
    description:
      'Reports an auth_time a day before the real sign-in, as if it honoured no max_age and never re-authenticated the user.',
    violates: ['OIDCC-3.1.2.1'],
    level: 'MUST',
    client:
      'With max_age, reject an ID token whose auth_time is older than max_age allows: the user was not re-authenticated (OIDC Core §3.1.2.1, §3.1.3.7 step 13).',
    seam: 'id-token',
    // A day before the real sign-in, so every ID token of one session carries the same auth_time.
    apply: (draft) => ({ ...draft, claims: { ...draft.claims, auth_time: Number(draft.claims.auth_time) - 86400 } }),
  },
  {
    id: 'id-token-acr-empty',
    description: 'Adds an acr claim whose value is the empty string.',
    violates: ['OIDCC-2'],
    level: 'MUST',
    client:
      'Treat an empty acr as no authentication context at all, never as one that satisfies a requested acr_values (OIDC Core §2, §3.1.3.7 step 12).',
    seam: 'id-token',
    apply: (draft) => ({ ...draft, claims: { ...draft.claims, acr: '' } }),
  },
  {
    id: 'id-token-claim-types-wrong',
    description:
      'Adds email_verified as the string "true" and updated_at as a date string instead of a boolean and a number.',
    violates: ['OIDCC-5.1'],
    level: 'MUST',
    client:
      'Do not read "true" as a verified e-mail address: email_verified is a JSON boolean and updated_at a JSON number (OIDC Core §5.1).',
    seam: 'id-token',
    apply: (draft) => ({
      ...draft,
      claims: { ...draft.claims, email_verified: 'true', updated_at: '2023-11-14T22:13:20Z' },
    }),
  },
  // Refresh (OIDC Core §12.2).
  {
    id: 'id-token-refresh-sub-changed',
    description: 'Gives the ID token of a refresh response a sub other than the original one.',
    violates: ['OIDCC-12.2'],
    level: 'MUST',
    client:
      'Reject the refreshed ID token: "its sub Claim Value MUST be the same as in the ID Token issued when the original authentication occurred" (OIDC Core §12.2).',
    seam: 'id-token',
    apply: (draft, { grantType }) =>
      grantType !== 'refresh_token'
        ? draft
        : { ...draft, claims: { ...draft.claims, sub: `${String(draft.claims.sub)}-refreshed` } },
  },
  {
    id: 'id-token-refresh-auth-time-renewed',
    description: 'Sets auth_time of a refreshed ID token to the time of the refresh instead of the original login.',
    violates: ['OIDCC-12.2'],
    level: 'MUST',
    client:
      'Reject the refreshed ID token: its auth_time "MUST represent the time of the original authentication" (OIDC Core §12.2); a refresh is no login.',
    seam: 'id-token',
    apply: (draft, { grantType, now }) =>
      grantType !== 'refresh_token'
        ? draft
        : { ...draft, claims: { ...draft.claims, auth_time: Math.max(now, Number(draft.claims.auth_time) + 1) } },
  },
])
