/**
 * disc.jwks-valid — jwks_uri serves a JWK Set of public keys, each usable, each named by a distinct
 * `kid` (OIDC Discovery §3, OIDC Core §10.1, RFC 7517 §4.5, §5).
 */

import { defineCheck, fail, pass, warn } from '../../../harness/check.js'
import { isObject } from '../../../harness/is-object.js'

/** RFC 7518 §6.2.2, §6.3.2, §6.4: members that only a private or symmetric key carries. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']

export default defineCheck({
  id: 'disc.jwks-valid',
  title: 'The JWK Set holds only public keys, each parseable and named by a distinct kid',
  area: 'discovery',
  level: 'MUST',
  spec: ['OIDCD-3', 'OIDCC-10.1', 'RFC7517-4.5', 'RFC7517-5'],
  needs: ['jwks', 'discoveryJwksKeys'],
  coveredBy: {
    oidf: 'CheckJwksUri, FetchServerKeys, ValidateJwksSequence, CheckServerKeysIsValid, CheckForKeyIdInServerJWKs, CheckDistinctKeyIdValueInServerJWKs',
    oauch: 'Features.CanSignatureBeVerifiedTest (download only)',
  },
  evaluate: ({ jwks, discoveryJwksKeys }) => {
    const exchanges = [jwks.exchange]
    if (jwks.status !== 200)
      return fail(`"jwks_uri" answered HTTP ${jwks.status}`, { expected: 200, actual: jwks.status, exchanges })
    // RFC 7517 §5: "A JWK Set is a JSON object that represents a set of JWKs. The JSON object
    // MUST have a "keys" member, with its value being an array of JWKs."
    if (!isObject(jwks.body) || !Array.isArray(jwks.body.keys))
      return fail('the jwks_uri document is not a JWK Set (a JSON object with a "keys" array)', {
        actual: jwks.body,
        exchanges,
      })
    const keys = jwks.body.keys as unknown[]
    if (keys.length === 0)
      return fail('the JWK Set has no keys, so no ID token signature can be verified', { exchanges })
    // A JWK Set published for relying parties must never carry private or symmetric key material:
    // anyone could then sign tokens as the OP (OIDF EnsureJwksHasNoPrivateOrSymmetricKeyMaterial).
    const secret = keys.flatMap((key, index) =>
      isObject(key)
        ? PRIVATE_MEMBERS.filter((member) => member in key).map((member) => `keys[${index}].${member}`)
        : [],
    )
    if (secret.length > 0)
      return fail('the JWK Set publishes private or symmetric key material', {
        expected: 'public keys only',
        actual: secret,
        exchanges,
      })
    const unusable = discoveryJwksKeys.filter((report) => !report.importable)
    // OIDC Core §10.1: "If there are multiple keys in the referenced JWK Set document, a kid value
    // MUST be provided in the JOSE Header" — which only works if every key carries its kid.
    const withoutKid = keys.flatMap((key, index) => (isObject(key) && typeof key.kid === 'string' ? [] : [index]))
    if (keys.length > 1 && withoutKid.length > 0)
      return fail('the JWK Set has several keys but not every key has a "kid"', {
        expected: 'a "kid" on every key',
        actual: withoutKid.map((index) => `keys[${index}]`),
        exchanges,
      })
    // OIDC Discovery §3 jwks_uri: "When both signing and encryption keys are made available, a use
    // (Key Use) parameter value is REQUIRED for all keys in the referenced JWK Set".
    const uses = keys.map((key) => (isObject(key) ? key.use : undefined))
    if (uses.includes('enc') && uses.some((use) => use === undefined))
      return fail('the JWK Set mixes encryption and signing keys but not every key has "use"', {
        actual: uses,
        exchanges,
      })
    if (unusable.length === keys.length)
      return fail('no key of the JWK Set could be parsed', { actual: unusable, exchanges })
    // RFC 7517 §4.5: "When "kid" values are used within a JWK Set, different keys within the JWK
    // Set SHOULD use distinct "kid" values."
    const kids = keys.flatMap((key) => (isObject(key) && typeof key.kid === 'string' ? [key.kid] : []))
    const duplicates = [...new Set(kids.filter((kid, index) => kids.indexOf(kid) !== index))]
    if (duplicates.length > 0)
      return warn('different keys of the JWK Set share a "kid"', {
        expected: 'distinct "kid" values',
        actual: duplicates,
        exchanges,
      })
    if (unusable.length > 0)
      return warn('some keys of the JWK Set could not be parsed', { actual: unusable, exchanges })
    const contentType = jwks.contentType?.split(';')[0]?.trim().toLowerCase()
    if (contentType !== 'application/json' && contentType !== 'application/jwk-set+json')
      return warn('the JWK Set is not served as application/json or application/jwk-set+json (RFC 7517 §8.5)', {
        actual: jwks.contentType,
        exchanges,
      })
    return pass(
      keys.length === 1 && withoutKid.length === 1 ? 'a single key without "kid" (allowed with one key)' : undefined,
      {
        actual: discoveryJwksKeys,
        exchanges,
      },
    )
  },
})
