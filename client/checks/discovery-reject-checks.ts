/**
 * The must-reject checks of the provider metadata and the JWK Set. A client reads them when it
 * starts (or on its first sign-in) and caches them, so each runs on a fresh issuer configured with
 * the deviation, with the app restarted for it (`{issuer}` in app.command or app.env).
 */
import type { SignInCheck } from './client-check.js'

function onFreshIssuer(check: Omit<SignInCheck, 'kind' | 'arming' | 'area'> & { behaviour: string }): SignInCheck {
  const { behaviour, ...rest } = check
  return {
    ...rest,
    area: 'client-discovery',
    kind: 'must-reject',
    arming: { kind: 'fresh-issuer', describe: `behaviour \`${behaviour}\``, behaviours: [behaviour] },
  }
}

export const discoveryRejectChecks: SignInCheck[] = [
  onFreshIssuer({
    id: 'client.discovery.issuer-mismatch',
    behaviour: 'discovery-issuer-trailing-slash',
    title: 'Refuses provider metadata whose issuer differs from the one it was fetched for',
    level: 'MUST',
    spec: ['OIDCD-4.3'],
    rule: 'OIDC Discovery §4.3: "The issuer value returned MUST be identical to the Issuer URL that was used as the prefix to /.well-known/openid-configuration … If these values are not identical, the data contained in the response MUST NOT be used."',
    oidf: 'rp-discovery-issuer-not-matching-config',
  }),
  onFreshIssuer({
    id: 'client.discovery.issuer-with-query',
    behaviour: 'discovery-issuer-with-query',
    title: 'Refuses provider metadata whose issuer has a query component',
    level: 'MUST',
    spec: ['OIDCD-4.3', 'OIDCD-3'],
    rule: 'OIDC Discovery §4.3: the issuer returned "MUST be identical" to the one used to fetch the document; an issuer with "?tenant=default" is not (and §3: an issuer has no query component).',
    oidf: null,
  }),
  onFreshIssuer({
    id: 'client.discovery.jwks-uri-missing',
    behaviour: 'discovery-jwks-uri-missing',
    title: 'Signs no one in with provider metadata that has no jwks_uri',
    level: 'MAY',
    spec: ['OIDCD-3', 'OIDCC-3.1.3.7'],
    rule: 'OIDC Discovery §3: jwks_uri is REQUIRED; without it no ID token signature can be validated as OIDC Core §3.1.3.7 step 6 requires.',
    oidf: null,
  }),
  onFreshIssuer({
    id: 'client.discovery.served-as-html',
    behaviour: 'discovery-served-as-html',
    title: 'Refuses provider metadata served as text/html',
    level: 'MAY',
    spec: ['OIDCD-4.2'],
    rule: 'OIDC Discovery §4.2: the response "MUST … return a JSON object using the application/json content type"; a client that parses any content type as JSON trusts whatever a proxy or error page serves.',
    oidf: null,
  }),
  onFreshIssuer({
    id: 'client.discovery.jwks-private-key-published',
    behaviour: 'jwks-private-key-published',
    title: 'Refuses a JWK Set that publishes private keys',
    level: 'MAY',
    spec: ['OIDCC-10.1', 'RFC7517-4'],
    rule: 'OIDC Core §10.1: the issuer publishes the keys that verify its signatures; a JWK Set carrying private members ("d", "p", "q") means anyone may hold the signing key.',
    oidf: null,
  }),
]
