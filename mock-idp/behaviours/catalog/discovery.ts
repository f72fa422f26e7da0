/** Behaviours of discovery and the JWK Set (OpenID Connect Discovery 1.0 §3–4, RFC 8414, RFC 7517). */

import type { EndpointName } from '../../endpoints/endpoint-name.js'
import type { EndpointResult } from '../../http/endpoint-result.js'
import { behaviours } from '../behaviour.js'

type Document = Record<string, unknown>

/** Both well-known locations serve the same provider metadata (endpoints/discovery.ts). */
const METADATA: readonly EndpointName[] = ['discovery', 'metadata']

/** A `response` seam that edits a successfully served JSON document (the metadata or the JWK Set). */
function editJson(edit: (document: Document) => Document): (result: EndpointResult) => EndpointResult {
  return (result) =>
    result.kind === 'json' && result.status === 200 && isDocument(result.body)
      ? { ...result, body: edit({ ...result.body }) }
      : result
}

function isDocument(value: unknown): value is Document {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function without(name: string): (document: Document) => Document {
  return ({ [name]: _, ...rest }) => rest
}

function listWithout(name: string, value: string): (document: Document) => Document {
  return (document) => {
    const list = document[name]
    return Array.isArray(list) ? { ...document, [name]: list.filter((item) => item !== value) } : document
  }
}

function keysOf(document: Document): Document[] {
  return Array.isArray(document.keys) ? document.keys.filter(isDocument) : []
}

/**
 * RFC 7517 Appendix A.1's example EC public key: a real key that is not the mock's, so publishing it
 * under the signing key's kid gives two different keys one kid.
 */
const OTHER_KEY = {
  kty: 'EC',
  crv: 'P-256',
  x: 'MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4',
  y: '4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM',
  use: 'sig',
  alg: 'ES256',
}

export const discoveryBehaviours = behaviours([
  {
    id: 'discovery-issuer-trailing-slash',
    description:
      'Publishes its issuer with an extra trailing "/" in the OpenID configuration, so it differs from the issuer the document was fetched for.',
    violates: ['OIDCD-4.3'],
    level: 'MUST',
    client:
      'Reject the configuration (OIDC Discovery §4.3): the issuer must be identical to the one used to fetch it; compare by exact string, never after trimming "/".',
    seam: 'response',
    endpoints: ['discovery'],
    apply: editJson((document) => ({ ...document, issuer: `${String(document.issuer).replace(/\/$/, '')}/` })),
  },
  {
    id: 'rfc8414-metadata-stale',
    description:
      'Serves at /.well-known/oauth-authorization-server a document without the revocation and introspection endpoints the OpenID configuration publishes.',
    violates: ['RFC8414-3'],
    level: 'SHOULD',
    client:
      'Use one metadata document consistently (the OpenID configuration for an OpenID client) and do not merge the two.',
    seam: 'response',
    endpoints: ['metadata'],
    apply: editJson((document) => without('introspection_endpoint')(without('revocation_endpoint')(document))),
  },
  {
    id: 'discovery-issuer-with-query',
    description: 'Publishes an issuer with a query component ("?tenant=default").',
    violates: ['OIDCC-2'],
    level: 'MUST',
    client:
      'Reject the configuration: an Issuer Identifier is an https URL with no query or fragment component (OIDC Discovery §3).',
    seam: 'response',
    endpoints: METADATA,
    apply: editJson((document) => ({ ...document, issuer: `${String(document.issuer)}?tenant=default` })),
  },
  {
    id: 'discovery-jwks-uri-missing',
    description: 'Leaves the REQUIRED jwks_uri out of the provider metadata.',
    violates: ['OIDCD-3'],
    level: 'MUST',
    client:
      'Treat the configuration as unusable: without jwks_uri no ID token signature can be verified (OIDC Discovery §3: jwks_uri REQUIRED).',
    seam: 'response',
    endpoints: METADATA,
    apply: editJson(without('jwks_uri')),
  },
  {
    id: 'discovery-response-types-without-code',
    description: 'Advertises response_types_supported without "code" although it serves the code flow.',
    violates: ['OIDCC-3'],
    level: 'MUST',
    client:
      'A client using the code flow should refuse to start against an OP that does not list "code" in response_types_supported.',
    seam: 'response',
    endpoints: METADATA,
    apply: editJson((document) => ({ ...document, response_types_supported: ['id_token'] })),
  },
  {
    id: 'discovery-rs256-not-advertised',
    description: 'Leaves RS256 out of id_token_signing_alg_values_supported (it advertises PS256 only).',
    violates: ['OIDCC-15.1'],
    level: 'MUST',
    client:
      'A client that only implements RS256 should report the OP as non-conformant: "The algorithm RS256 MUST be included" (OIDC Discovery §3).',
    seam: 'response',
    endpoints: METADATA,
    apply: editJson((document) => ({ ...document, id_token_signing_alg_values_supported: ['PS256'] })),
  },
  {
    id: 'discovery-scopes-without-openid',
    description: 'Publishes scopes_supported without the "openid" scope.',
    violates: ['OIDCD-3'],
    level: 'MUST',
    client:
      'Nothing to reject as long as "openid" still works; a client that checks scopes_supported should report the OP (OIDC Discovery §3: "The server MUST support the openid scope value").',
    seam: 'response',
    endpoints: METADATA,
    apply: editJson(listWithout('scopes_supported', 'openid')),
  },
  {
    id: 'discovery-authorization-endpoint-fragment',
    description: 'Advertises an authorization_endpoint URL with a "#login" fragment component.',
    violates: ['RFC6749-3.1'],
    level: 'MUST',
    client:
      'Drop the fragment or refuse the configuration: "The endpoint URI MUST NOT include a fragment component" (RFC 6749 §3.1), and parameters added after it would never reach the server.',
    seam: 'response',
    endpoints: METADATA,
    apply: editJson((document) => ({
      ...document,
      authorization_endpoint: `${String(document.authorization_endpoint)}#login`,
    })),
  },
  {
    id: 'discovery-revocation-endpoint-relative',
    description: 'Advertises revocation_endpoint as a relative path instead of an absolute https URL.',
    violates: ['RFC8414-2'],
    level: 'MUST',
    client:
      'Refuse the relative URL rather than resolving it against the discovery URL: endpoint metadata are absolute URLs that MUST use the https scheme (RFC 8414 §2).',
    seam: 'response',
    endpoints: METADATA,
    apply: editJson((document) => ({
      ...document,
      revocation_endpoint: new URL(String(document.revocation_endpoint)).pathname,
    })),
  },
  {
    id: 'discovery-auth-method-unadvertised',
    description:
      'Leaves client_secret_post out of token_endpoint_auth_methods_supported although a registered client uses it.',
    violates: ['RFC8414-2'],
    level: 'MUST',
    client:
      'A client registered for client_secret_post should notice that the metadata does not list its method and report the mismatch before its token requests fail.',
    seam: 'response',
    endpoints: METADATA,
    apply: editJson(listWithout('token_endpoint_auth_methods_supported', 'client_secret_post')),
  },
  {
    id: 'discovery-grant-types-without-authorization-code',
    description: 'Publishes grant_types_supported without "authorization_code" although it serves that grant.',
    violates: ['RFC8414-2'],
    level: 'MUST',
    client:
      'A client should report the inconsistency: grant_types_supported must list the grants the server supports (RFC 8414 §2).',
    seam: 'response',
    endpoints: METADATA,
    apply: editJson((document) => ({ ...document, grant_types_supported: ['refresh_token'] })),
  },
  {
    id: 'discovery-pkce-methods-missing',
    description: 'Leaves code_challenge_methods_supported out of the metadata although PKCE with S256 works.',
    violates: ['RFC9700-2.1.1'],
    level: 'SHOULD',
    client:
      'Send PKCE (S256) anyway: an omitted code_challenge_methods_supported says PKCE is unsupported (RFC 8414 §2), but RFC 9700 §2.1.1 has clients use it regardless.',
    seam: 'response',
    endpoints: METADATA,
    apply: editJson(without('code_challenge_methods_supported')),
  },
  {
    id: 'discovery-claims-supported-missing',
    description: 'Leaves the RECOMMENDED claims_supported out of the provider metadata.',
    violates: ['OIDCD-3'],
    level: 'SHOULD',
    client: 'Nothing to reject: claims_supported is RECOMMENDED; request the claims you need and use what comes back.',
    seam: 'response',
    endpoints: METADATA,
    apply: editJson(without('claims_supported')),
  },
  {
    id: 'discovery-response-modes-without-query',
    description: 'Leaves "query" out of response_modes_supported although it answers code requests in the query.',
    violates: ['RFC8414-2'],
    level: 'SHOULD',
    client:
      'Nothing to reject for the code flow (its default response mode is query); a client choosing a response mode from the list may pick another one.',
    seam: 'response',
    endpoints: METADATA,
    apply: editJson(listWithout('response_modes_supported', 'query')),
  },
  {
    id: 'discovery-iss-parameter-not-advertised',
    description:
      'Sends iss in its authorization responses but leaves authorization_response_iss_parameter_supported out of the metadata.',
    violates: ['RFC9207-3'],
    level: 'SHOULD',
    client:
      'Still compare an iss that arrives with the issuer (RFC 9207 §2.4); without the flag a client cannot require iss, so its mix-up defence is weaker.',
    seam: 'response',
    endpoints: METADATA,
    apply: editJson(without('authorization_response_iss_parameter_supported')),
  },
  {
    id: 'discovery-served-as-html',
    description: 'Serves the provider metadata with Content-Type text/html instead of application/json.',
    violates: ['OIDCD-4.2'],
    level: 'MUST',
    client:
      'Refuse the configuration: the response "MUST use the 200 OK HTTP status code and return a JSON object using the application/json content type" (OIDC Discovery §4.2).',
    seam: 'response',
    endpoints: ['discovery'],
    apply: (result) =>
      result.kind === 'json'
        ? {
            kind: 'html',
            status: result.status,
            html: JSON.stringify(result.body),
            headers: { ...result.headers, 'Content-Type': 'text/html; charset=utf-8' },
          }
        : result,
  },
  {
    id: 'jwks-private-key-published',
    description: 'Publishes private-key members ("d", "p", "q") with the signing keys of its JWK Set.',
    violates: ['OIDCC-10.1'],
    level: 'MUST',
    client:
      'Refuse the JWK Set: keys published at jwks_uri are public keys; one carrying private members means anyone can sign tokens as the OP.',
    seam: 'response',
    endpoints: ['jwks'],
    // Placeholder values: the check and a client need the members' presence, not a working private key.
    apply: editJson((document) => ({
      ...document,
      keys: keysOf(document).map((key) => ({ ...key, d: 'cHJpdmF0ZQ', p: 'cHJpbWUtcA', q: 'cHJpbWUtcQ' })),
    })),
  },
  {
    id: 'jwks-duplicate-kid',
    description: 'Publishes a second, different key under the same kid as its signing key.',
    violates: ['RFC7517-4.5'],
    level: 'SHOULD',
    client:
      'Select the verification key by kid and alg together (and kty); with two keys under one kid, try each matching key rather than failing on the first.',
    seam: 'response',
    endpoints: ['jwks'],
    apply: editJson((document) => {
      const keys = keysOf(document)
      const [first] = keys
      return first?.kid === undefined ? document : { ...document, keys: [...keys, { ...OTHER_KEY, kid: first.kid }] }
    }),
  },
])
