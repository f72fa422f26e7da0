/** sess.prompt-none-session — OIDC Core §3.1.2.1: prompt=none with a session succeeds silently, for the same user. */
import { defineCheck, fail, info, pass, skip, warn } from '../../../harness/check.js'
import {
  authTime,
  claim,
  consentNotRemembered,
  describeOutcome,
  errorOf,
  exchangesOf,
  NO_SSO,
  SILENT_AUTHORIZATION_SETUP,
} from './judging.js'

export default defineCheck({
  id: 'sess.prompt-none-session',
  title: 'prompt=none after a login succeeds without any page, for the same sub and auth_time',
  area: 'session',
  level: 'MUST',
  spec: ['OIDCC-3.1.2.1'],
  needs: ['session'],
  dependsOnSetup: SILENT_AUTHORIZATION_SETUP,
  coveredBy: {
    oidf: 'oidcc-prompt-none-logged-in (CheckIdTokenAuthTimeClaimsSameIfPresent, CheckIdTokenSubConsistentForSecondAuthorization)',
  },
  evaluate: ({ session }) => {
    if (!session.ssoSession) return skip(NO_SSO)
    const { first, promptNone } = session
    const exchanges = exchangesOf(promptNone)
    const result = promptNone.attempt.result
    const actual = describeOutcome(promptNone)
    // OIDC Core §3.1.2.1: "none — The Authorization Server MUST NOT display any authentication or
    // consent user interface pages."
    if (result.sawLogin || (result.kind === 'callback' && result.sawConsent)) {
      return fail('a login or consent page was shown although prompt=none', { actual, exchanges })
    }
    if (errorOf(promptNone) === 'consent_required')
      return info(consentNotRemembered(promptNone.attempt.request.client.client_id), { actual, exchanges })
    if (!promptNone.code) {
      return fail('prompt=none with a live session did not issue a code', { expected: 'a code', actual, exchanges })
    }
    const [sub1, sub2] = [claim(first, 'sub'), claim(promptNone, 'sub')]
    if (sub1 !== undefined && sub1 !== sub2) {
      return fail('the silent authorization is for another "sub"', { expected: sub1, actual: sub2, exchanges })
    }
    const [t1, t2] = [authTime(first), authTime(promptNone)]
    // auth_time is OPTIONAL (OIDC Core §2), so it is compared only when both carry it; no new login happened, so it must not move.
    if (t1 !== undefined && t2 !== undefined && t1 !== t2) {
      return warn('"auth_time" changed although no login happened', { expected: t1, actual: t2, exchanges })
    }
    return pass(undefined, { exchanges })
  },
})
