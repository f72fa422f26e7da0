/**
 * Spec references are short tokens (`OIDCC-3.1.3.7`, `RFC6749-4.1.2.1`) resolved here, in one
 * registry, to the sentence's section URL. A check or behaviour citing an unknown prefix fails a
 * test (test/unit/suite-architecture.test.ts, test/unit/behaviours-architecture.test.ts).
 */

interface SpecFamily {
  title: string
  url: (section: string | undefined) => string
}

const rfc = (number: number, title: string): SpecFamily => ({
  title: `RFC ${number}: ${title}`,
  url: (section) =>
    `https://www.rfc-editor.org/rfc/rfc${number}${section ? `#${/^[A-Z]/.test(section) ? 'appendix' : 'section'}-${section}` : ''}`,
})

const openid = (path: string, title: string): SpecFamily => ({
  title,
  url: (section) => `https://openid.net/specs/${path}${section ? `#${sectionAnchor(section)}` : ''}`,
})

/** The OpenID Foundation's HTML specs (xml2rfc) anchor every numbered section as `rfc.section.N`. */
function sectionAnchor(section: string): string {
  return `rfc.section.${section}`
}

export const SPEC_FAMILIES = {
  RFC6749: rfc(6749, 'The OAuth 2.0 Authorization Framework'),
  RFC6750: rfc(6750, 'OAuth 2.0 Bearer Token Usage'),
  RFC6819: rfc(6819, 'OAuth 2.0 Threat Model and Security Considerations'),
  RFC7009: rfc(7009, 'OAuth 2.0 Token Revocation'),
  RFC7515: rfc(7515, 'JSON Web Signature'),
  RFC7517: rfc(7517, 'JSON Web Key'),
  RFC7519: rfc(7519, 'JSON Web Token'),
  RFC7591: rfc(7591, 'OAuth 2.0 Dynamic Client Registration Protocol'),
  RFC7636: rfc(7636, 'Proof Key for Code Exchange'),
  RFC7662: rfc(7662, 'OAuth 2.0 Token Introspection'),
  RFC8252: rfc(8252, 'OAuth 2.0 for Native Apps'),
  RFC8414: rfc(8414, 'OAuth 2.0 Authorization Server Metadata'),
  RFC8725: rfc(8725, 'JSON Web Token Best Current Practices'),
  RFC9068: rfc(9068, 'JWT Profile for OAuth 2.0 Access Tokens'),
  RFC9110: rfc(9110, 'HTTP Semantics'),
  RFC9207: rfc(9207, 'OAuth 2.0 Authorization Server Issuer Identification'),
  RFC9700: rfc(9700, 'Best Current Practice for OAuth 2.0 Security'),
  OIDCC: openid('openid-connect-core-1_0.html', 'OpenID Connect Core 1.0'),
  OIDCD: openid('openid-connect-discovery-1_0.html', 'OpenID Connect Discovery 1.0'),
  OIDCR: openid('openid-connect-registration-1_0.html', 'OpenID Connect Dynamic Client Registration 1.0'),
  OIDCRPL: openid('openid-connect-rpinitiated-1_0.html', 'OpenID Connect RP-Initiated Logout 1.0'),
  OAUTHFP: openid('oauth-v2-form-post-response-mode-1_0.html', 'OAuth 2.0 Form Post Response Mode'),
  OAUTHRT: openid('oauth-v2-multiple-response-types-1_0.html', 'OAuth 2.0 Multiple Response Type Encoding Practices'),
  GUIDE: {
    title: 'The vendor integration guide (its samples: fixtures/seed-samples.ts)',
    url: () => 'docs/mock-idp.md#the-integration-guides-errata-handled-on-purpose',
  },
} satisfies Record<string, SpecFamily>

export type SpecPrefix = keyof typeof SPEC_FAMILIES

export interface ResolvedRef {
  token: string
  title: string
  section: string | undefined
  url: string
}

const TOKEN = /^([A-Z0-9]+?)(?:-([0-9A-Z][0-9.]*))?$/

export function resolveRef(token: string): ResolvedRef {
  const match = TOKEN.exec(token)
  const prefix = match?.[1] as SpecPrefix | undefined
  if (!match || !prefix || !(prefix in SPEC_FAMILIES)) {
    throw new Error(
      `unknown spec reference "${token}": the prefix must be one of ${Object.keys(SPEC_FAMILIES).join(', ')}`,
    )
  }
  const family = SPEC_FAMILIES[prefix]
  const section = match[2]
  return { token, title: family.title, section, url: family.url(section) }
}
