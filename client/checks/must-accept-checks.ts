/**
 * The must-accept checks: answers that are unusual but correct. A client that refuses them locks
 * real users out (a key rotation, an unknown claim, a slow token endpoint). Each arms its variation
 * for one sign-in; the app must sign the user in.
 */
import type { SignInCheck } from './client-check.js'

/** Seconds the ID token's iat lies ahead in the clock-skew check: well inside any documented tolerance. */
export const ACCEPTED_CLOCK_SKEW_S = 5
/** Milliseconds the token endpoint waits in the slow-endpoint check: far below any sensible client timeout. */
export const ACCEPTED_TOKEN_DELAY_MS = 2000

export const mustAcceptChecks: SignInCheck[] = [
  {
    id: 'client.id-token.unknown-claims-ignored',
    title: 'Accepts an ID token with claims it does not know',
    area: 'client-id-token',
    kind: 'must-accept',
    level: 'MUST',
    spec: ['OIDCC-2'],
    rule: 'OIDC Core §2: "ID Tokens MAY contain other Claims. Any Claims used that are not understood MUST be ignored."',
    oidf: null,
    arming: {
      kind: 'overrides',
      describe: 'the ID token carries an extra claim `urn:codeflow:unknown-claim`',
      build: () => [{ claims: { 'urn:codeflow:unknown-claim': { nested: ['value', 1, true] } } }],
    },
  },
  {
    id: 'client.id-token.aud-array-accepted',
    title: 'Accepts an ID token whose aud is an array holding its client_id, with azp',
    area: 'client-id-token',
    kind: 'must-accept',
    level: 'MUST',
    spec: ['OIDCC-2', 'RFC7519-4.1.3'],
    rule: 'OIDC Core §2: aud "MAY be an array containing more than one value. In the general case, the aud value is an array of case-sensitive strings"; a one-element array holding the client_id is the client\'s own token.',
    oidf: null,
    arming: {
      kind: 'overrides',
      describe: 'aud is `[client_id]` and azp is the client_id',
      build: ({ clientId }) => [{ claims: { aud: [clientId], azp: clientId } }],
    },
  },
  {
    id: 'client.id-token.clock-skew-tolerated',
    title: `Accepts an ID token issued ${ACCEPTED_CLOCK_SKEW_S} seconds ahead of its clock`,
    area: 'client-id-token',
    kind: 'must-accept',
    level: 'SHOULD',
    spec: ['OIDCC-3.1.3.7'],
    rule: 'OIDC Core §3.1.3.7 step 10: "The acceptable range is Client specific"; clocks differ by seconds, and a client with no tolerance at all fails real sign-ins.',
    oidf: null,
    arming: {
      kind: 'overrides',
      describe: `iat is ${ACCEPTED_CLOCK_SKEW_S} s after the mock's time`,
      build: ({ now }) => [{ claims: { iat: now + ACCEPTED_CLOCK_SKEW_S } }],
    },
  },
  {
    id: 'client.token-response.expires-in-absent-accepted',
    title: 'Accepts a token response without expires_in',
    area: 'client-token-response',
    kind: 'must-accept',
    level: 'SHOULD',
    spec: ['RFC6749-5.1'],
    rule: 'RFC 6749 §5.1: expires_in is RECOMMENDED, not REQUIRED: "If omitted, the authorization server SHOULD provide the expiration time via other means or document the default value."',
    oidf: null,
    arming: { kind: 'behaviour', behaviour: 'expires-in-missing' },
  },
  {
    id: 'client.token-response.slow-endpoint-tolerated',
    title: `Waits for a token endpoint that answers after ${ACCEPTED_TOKEN_DELAY_MS / 1000} seconds`,
    area: 'client-token-response',
    kind: 'must-accept',
    level: 'SHOULD',
    spec: ['RFC6749-4.1.3'],
    rule: `A token endpoint that answers within ${ACCEPTED_TOKEN_DELAY_MS / 1000} s is working; a client that gives up sooner fails its users on an ordinary busy day.`,
    oidf: null,
    arming: {
      kind: 'overrides',
      describe: `the token endpoint answers after ${ACCEPTED_TOKEN_DELAY_MS} ms`,
      build: () => [{ endpoint: 'token', delayMs: ACCEPTED_TOKEN_DELAY_MS }],
    },
  },
  {
    id: 'client.keys.rotation-followed',
    title: 'Fetches the JWK Set again for an ID token signed with a new key',
    area: 'client-keys',
    kind: 'must-accept',
    level: 'SHOULD',
    spec: ['OIDCC-10.1.1'],
    rule: 'OIDC Core §10.1.1: "The verifier knows to go back to the jwks_uri location to re-retrieve the keys when it sees an unfamiliar kid value."',
    oidf: 'rp-key-rotation-op-sign-key',
    arming: {
      kind: 'rotate-keys',
      graceMs: 0,
      describe: 'the signing key is rotated (the old one leaves the JWK Set) after the app has used it',
    },
  },
  {
    id: 'client.keys.several-keys-accepted',
    title: 'Picks the signing key by kid from a JWK Set with several keys',
    area: 'client-keys',
    kind: 'must-accept',
    level: 'MUST',
    spec: ['OIDCC-10.1'],
    rule: 'OIDC Core §10.1: "If there are multiple keys in the referenced JWK Set document, a kid value MUST be provided in the JOSE Header"; the client selects the key by it.',
    oidf: 'rp-id_token-kid-absent-multiple-jwks',
    arming: {
      kind: 'fresh-issuer',
      describe: 'the JWK Set publishes an RSA and an EC key',
      config: { keys: { algorithms: ['RS256', 'ES256'] } },
    },
  },
  {
    id: 'client.keys.duplicate-kid-tolerated',
    title: 'Verifies with the right key when two keys of the JWK Set share a kid',
    area: 'client-keys',
    kind: 'must-accept',
    level: 'SHOULD',
    spec: ['RFC7517-4.5'],
    rule: 'RFC 7517 §4.5: kid values "SHOULD" differ, so a client meets sets where they do not; it selects by kid and alg (and kty) and tries each matching key.',
    oidf: null,
    arming: { kind: 'fresh-issuer', describe: 'behaviour `jwks-duplicate-kid`', behaviours: ['jwks-duplicate-kid'] },
  },
  {
    id: 'client.discovery.iss-parameter-unadvertised-accepted',
    title: 'Signs in with a provider that sends iss but does not advertise it',
    area: 'client-discovery',
    kind: 'must-accept',
    level: 'SHOULD',
    spec: ['RFC9207-2.4'],
    rule: 'RFC 9207 §2.4: an iss that arrives is compared with the issuer; without authorization_response_iss_parameter_supported a client cannot require it, and the matching iss it got is valid.',
    oidf: null,
    arming: {
      kind: 'fresh-issuer',
      describe: 'behaviour `discovery-iss-parameter-not-advertised`',
      behaviours: ['discovery-iss-parameter-not-advertised'],
    },
  },
]

/** Token responses that are correct but not what most servers send (the mock's `tokenResponse` override). */
export const tokenResponseAcceptChecks: SignInCheck[] = [
  {
    id: 'client.token-response.token-type-lowercase-accepted',
    title: 'Accepts token_type "bearer" in lower case',
    area: 'client-token-response',
    kind: 'must-accept',
    level: 'MUST',
    spec: ['RFC6749-5.1', 'RFC6749-7.1'],
    rule: 'RFC 6749 §5.1: "The value is case insensitive"; "bearer" is the Bearer token type (RFC 6750 §4).',
    oidf: null,
    arming: {
      kind: 'overrides',
      describe: 'the token response says `"token_type": "bearer"`',
      build: () => [{ tokenResponse: { set: { token_type: 'bearer' } } }],
    },
  },
  {
    id: 'client.token-response.unknown-members-ignored',
    title: 'Ignores members of the token response it does not know',
    area: 'client-token-response',
    kind: 'must-accept',
    level: 'MUST',
    spec: ['RFC6749-5.1'],
    rule: 'RFC 6749 §5.1: "The client MUST ignore unrecognized value names in the response."',
    oidf: null,
    arming: {
      kind: 'overrides',
      describe: 'the token response carries an extra member `urn:codeflow:extension`',
      build: () => [{ tokenResponse: { set: { 'urn:codeflow:extension': { nested: [1, 'two'] } } } }],
    },
  },
  {
    id: 'client.token-response.scope-omitted-accepted',
    title: 'Accepts a token response without scope',
    area: 'client-token-response',
    kind: 'must-accept',
    level: 'MUST',
    spec: ['RFC6749-5.1'],
    rule: 'RFC 6749 §5.1: scope is "OPTIONAL, if identical to the scope requested by the client"; its absence means the client got what it asked for.',
    oidf: null,
    arming: {
      kind: 'overrides',
      describe: 'the token response has no `scope`',
      build: () => [{ tokenResponse: { omit: ['scope'] } }],
    },
  },
  {
    id: 'client.token-response.refresh-token-absent-accepted',
    title: 'Accepts a token response without refresh_token',
    area: 'client-token-response',
    kind: 'must-accept',
    level: 'MUST',
    spec: ['RFC6749-5.1'],
    rule: 'RFC 6749 §5.1: refresh_token is OPTIONAL; a sign-in does not depend on one.',
    oidf: null,
    arming: {
      kind: 'overrides',
      describe: 'the token response has no `refresh_token`',
      build: () => [{ tokenResponse: { omit: ['refresh_token'] } }],
    },
  },
]
