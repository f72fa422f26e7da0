/** rt.offline-access — OIDC Core §11: offline_access, consent and refresh tokens (reported, policy). */

import { defineCheck, info, pass, skip } from '../../../harness/check.js'
import { isUnavailable } from '../../../harness/unavailable.js'
import { scopeList } from './expect-error.js'

export default defineCheck({
  id: 'rt.offline-access',
  title: 'offline_access: a refresh token with prompt=consent; how the server treats it without',
  area: 'refresh',
  level: 'MAY',
  spec: ['OIDCC-11'],
  needs: ['offlineAccess'],
  dependsOnSetup:
    "whether the client may request offline_access (its scope in the target file; skipped otherwise) and the server's policy for refresh tokens, which OIDC Core §11 leaves open: reported, never failed",
  coveredBy: {
    oidf: 'AddPromptConsentToAuthorizationEndpointRequestIfScopeContainsOfflineAccess (positive path only)',
  },
  evaluate: ({ offlineAccess }) => {
    if (isUnavailable(offlineAccess)) return skip(offlineAccess.unavailable)
    const { withConsentPrompt, withoutConsentPrompt } = offlineAccess
    const exchanges = [withConsentPrompt.token, withoutConsentPrompt.token].flatMap((call) =>
      call ? [call.exchange] : [],
    )
    const describe = (flow: typeof withConsentPrompt) => ({
      consentPageShown: flow.attempt.result.kind === 'callback' ? flow.attempt.result.sawConsent : false,
      refreshTokenIssued: flow.refreshToken !== undefined,
      grantedScope: scopeList(flow.token?.body?.scope) ?? 'not stated (as requested)',
    })
    const actual = {
      withPromptConsent: describe(withConsentPrompt),
      withoutPromptConsent: describe(withoutConsentPrompt),
    }
    // OIDC Core §11: "When offline access is requested, a prompt parameter value of consent MUST be
    // used unless other conditions for processing the request permitting offline access to the
    // requested resources are in place." The server then either issues a refresh token or ignores
    // offline_access ("The Authorization Server MAY grant Refresh Tokens in other contexts").
    if (!withConsentPrompt.refreshToken) {
      return info('"offline_access" with prompt=consent brought no refresh token: the server ignores offline_access', {
        actual,
        exchanges,
      })
    }
    return pass(
      `"offline_access" with prompt=consent brought a refresh token; without prompt=consent ${withoutConsentPrompt.refreshToken ? 'one was issued too' : 'none was issued'}`,
      { actual, exchanges },
    )
  },
})
