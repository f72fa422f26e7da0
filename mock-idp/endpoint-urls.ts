/**
 * The absolute URL of every endpoint of one issuer: what discovery advertises (OIDC Discovery §3)
 * and what pages, redirects and behaviours point at. The paths come from config `paths`; the
 * issuer is the configured one or, behind a trusted proxy, the one a request was made to.
 */
import type { MockIdpConfig } from './config/schema.js'

export interface EndpointUrls {
  issuer: string
  discovery: string
  authorization: string
  token: string
  userinfo: string
  jwks: string
  revocation: string
  introspection: string
  endSession: string
  login: string
  consent: string
}

export function endpointUrls(issuer: string, paths: MockIdpConfig['paths']): EndpointUrls {
  const base = issuer.replace(/\/$/, '')
  return {
    issuer,
    discovery: `${base}/.well-known/openid-configuration`,
    authorization: base + paths.authorization,
    token: base + paths.token,
    userinfo: base + paths.userinfo,
    jwks: base + paths.jwks,
    revocation: base + paths.revocation,
    introspection: base + paths.introspection,
    endSession: base + paths.endSession,
    login: base + paths.login,
    consent: base + paths.consent,
  }
}
