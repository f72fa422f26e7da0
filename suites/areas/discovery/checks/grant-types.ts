/**
 * disc.grant-types — grant_types_supported (if present) is a non-empty array with
 * "authorization_code", and lists "refresh_token" when refresh tokens are issued
 * (OIDC Discovery §3, RFC 8414 §2).
 */
import { defineCheck, fail, pass, skip, warn } from '../../../harness/check.js'
import { isStringArray } from './required-members.js'

export default defineCheck({
  id: 'disc.grant-types',
  title: 'grant_types_supported lists authorization_code, and refresh_token when refresh tokens are issued',
  area: 'discovery',
  level: 'MUST',
  spec: ['OIDCD-3', 'RFC8414-2'],
  needs: ['discovery', 'happyFlow'],
  dependsOnSetup:
    'refresh tokens being issued to the happy flow\'s client (or declared in capabilities.refresh_tokens): only then must "refresh_token" be listed; the finding says which',
  coveredBy: {
    oidf: 'OIDCCCheckDiscEndpointGrantTypesSupported; EnsureServerConfigurationSupportsRefreshToken / …DoesNotSupportRefreshToken (WARN)',
  },
  evaluate: ({ discovery, happyFlow }, { target }) => {
    const { metadata } = discovery
    if (!metadata || !discovery.exchange) return skip('no discovery document to judge')
    const exchanges = [discovery.exchange, happyFlow.token.exchange]
    const actual = metadata.grant_types_supported
    // OIDC Discovery §3: "If omitted, the default value is ["authorization_code", "implicit"]."
    const advertised = actual ?? ['authorization_code', 'implicit']
    if (!isStringArray(advertised) || advertised.length === 0)
      return fail('"grant_types_supported" is not a non-empty JSON array of strings', { actual, exchanges })
    if (!advertised.includes('authorization_code'))
      return fail('"grant_types_supported" does not list "authorization_code", the grant this server just served', {
        expected: 'contains "authorization_code"',
        actual,
        exchanges,
      })
    const issued = happyFlow.refreshToken !== undefined || target.capabilities.refresh_tokens === true
    const listed = advertised.includes('refresh_token')
    // A client decides from this list whether to expect refresh tokens: it should match behaviour.
    if (issued && !listed)
      return warn('refresh tokens are issued but "grant_types_supported" does not list "refresh_token"', {
        expected: 'contains "refresh_token"',
        actual: advertised,
        exchanges,
      })
    if (listed && !issued && target.capabilities.refresh_tokens === false)
      return warn(
        '"grant_types_supported" lists "refresh_token" but the target file says no refresh tokens are issued',
        {
          actual: advertised,
          exchanges,
        },
      )
    return pass(
      listed && !issued ? '"refresh_token" is listed; the happy flow got none (it may need offline_access)' : undefined,
      { actual: advertised, exchanges },
    )
  },
})
