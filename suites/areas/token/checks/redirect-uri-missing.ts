import { defineCheck, fail } from '../../../harness/check.js'
import { preferably } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_REQUEST } from '../../../harness/error-code-sentences.js'
import { describeCall, judgeRejection, tokensIssued } from './token-errors.js'

// A missing required parameter (invalid_request) and a grant that does not match the redirection
// URI (invalid_grant) are both defensible readings (RFC 6749 §5.2): another code only warns.
const missing = preferably(
  'a code redeemed without the redirect_uri its authorization request carried',
  ['invalid_request', 'invalid_grant'],
  TOKEN_INVALID_REQUEST,
)

/** RFC 6749 §4.1.3, quoted in the finding so the reader sees why a single registered URI is no excuse. */
const REQUIRED =
  'RFC 6749 §4.1.3 makes redirect_uri "REQUIRED, if the "redirect_uri" parameter was included in the authorization request", and it was'

export default defineCheck({
  id: 'token.redirect-uri-missing',
  title: 'A code redeemed without the redirect_uri the authorization request included is refused',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-4.1.3', 'RFC6749-3.1.2.3'],
  needs: ['tokenRedirectUri'],
  errorCodes: [missing],
  dependsOnSetup:
    'how many redirect URIs the client registers: with exactly one, a server may take an omitted redirect_uri to mean that one (RFC 6749 §3.1.2.3 lets the client omit it in the authorization request), yet §4.1.3 still requires it at the token endpoint because the authorization request included it; the finding names which case applies',
  coveredBy: { oauch: 'TokenEndpoint.RedirectUriCheckedTest (second phase)' },
  evaluate: ({ tokenRedirectUri }) => {
    const { clientId, registeredCount, missing: call } = tokenRedirectUri
    if (tokensIssued(call)) {
      // Name the registration the server may have relied on.
      const condition =
        registeredCount === 1
          ? `client "${clientId}" has exactly one registered redirect_uri (as the target file lists), so the server may have taken the omission to mean that one; but ${REQUIRED}`
          : `client "${clientId}" has ${registeredCount} registered redirect URIs (as the target file lists), so the server cannot even know which one the code was bound to; ${REQUIRED}`
      return fail(`the server issued tokens for a code redeemed without redirect_uri: ${condition}`, {
        expected: 'HTTP 400 with error "invalid_request" or "invalid_grant"',
        actual: describeCall(call),
        exchanges: [call.exchange],
      })
    }
    return judgeRejection(call, { what: 'a code redeemed without redirect_uri', rule: missing })
  },
})
