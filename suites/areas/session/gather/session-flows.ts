/**
 * Session scenarios (OIDC Core §3.1.2.1 prompt, max_age, id_token_hint; §3.1.2.6): authorization
 * requests chained on a few sessions (cookie jars), so that logins and waits are shared.
 *
 * - jar A (first user): login with max_age=15000, then max_age=10000, prompt=none,
 *   prompt=none + the own id_token_hint, prompt="none login", prompt=foo, prompt=none with an
 *   unregistered redirect_uri, prompt=consent; after 2 s, max_age=1; last, prompt=none with the
 *   second user's id_token_hint (a server may end the session then, so nothing comes after it).
 *   Each prompt=none probe thus meets the live session its defect needs.
 * - jar C (first user): login, then max_age=0; after 1.1 s (the mock's auth_time has 1 s
 *   resolution, so "later" can be judged), prompt=login.
 * - jar B (second user): one login, for an ID token of another user.
 * - a fresh jar: prompt=none without any session.
 * The two waits overlap.
 */

import { primaryClient } from '../../../flows/clients.js'
import { type AuthorizationAttempt, authorize } from '../../../flows/code-flow.js'
import { attemptFlow, type FlowAttempt, sleep } from '../../../flows/flow-attempt.js'
import { defineGatherer } from '../../../harness/gatherer.js'
import type { Unavailable } from '../../../harness/unavailable.js'

export interface SessionEvidence {
  /** capabilities.sso_session of the target file. */
  ssoSession: boolean
  /**
   * Whether the driver can tell a consent page from other pages here: the target file describes
   * it (login.consent), or the form driver recognised one by itself in this session's logins.
   */
  consentRecognisable: boolean
  noSession: AuthorizationAttempt
  first: FlowAttempt
  maxAgeLarge: FlowAttempt
  promptNone: FlowAttempt
  idTokenHint: FlowAttempt | Unavailable
  idTokenHintMismatch: (FlowAttempt & { hintSub?: string }) | Unavailable
  promptNoneCombined: AuthorizationAttempt
  promptUnknown: AuthorizationAttempt
  promptNoneBadRedirect: AuthorizationAttempt & { badRedirectUri: string }
  promptConsent: FlowAttempt
  maxAge1: FlowAttempt & { waitedMs: number }
  maxAge0: { before: FlowAttempt; after: FlowAttempt }
  promptLogin: FlowAttempt & { waitedMs: number }
}

declare module '../../../harness/evidence.js' {
  interface Evidence {
    session: SessionEvidence
  }
}

export const BAD_REDIRECT_URI = 'https://codeflow-unregistered.example/cb'

export const sessionGatherer = defineGatherer({
  id: 'session',
  provides: ['session'],
  gather: async (context) => {
    const { target } = context
    const client = primaryClient(target)
    const login = target.login
    const secondUser = target.users[1]

    const [noSession, first, before0, other] = await Promise.all([
      authorize(context, { label: 'session: prompt=none without a session', client, overrides: { prompt: 'none' } }),
      attemptFlow(context, { label: 'session: login with max_age=15000', client, overrides: { max_age: '15000' } }),
      attemptFlow(context, { label: 'session: second session, login', client }),
      secondUser
        ? attemptFlow(context, { label: 'session: login as the second user', client, user: secondUser })
        : Promise.resolve(undefined),
    ])
    const firstDone = Date.now()
    const jarA = first.attempt.jar
    const jarC = before0.attempt.jar

    const chainC = (async () => {
      const after = await attemptFlow(context, {
        label: 'session: max_age=0',
        client,
        jar: jarC,
        overrides: { max_age: '0' },
      })
      const afterDone = Date.now()
      await sleep(Math.max(0, afterDone + 1100 - Date.now()))
      const waitedMs = Date.now() - afterDone
      const promptLogin = await attemptFlow(context, {
        label: 'session: prompt=login',
        client,
        jar: jarC,
        overrides: { prompt: 'login' },
      })
      return { maxAge0: { before: before0, after }, promptLogin: { ...promptLogin, waitedMs } }
    })()

    const chainA = (async () => {
      const maxAgeLarge = await attemptFlow(context, {
        label: 'session: max_age=10000',
        client,
        jar: jarA,
        overrides: { max_age: '10000' },
      })
      const promptNone = await attemptFlow(context, {
        label: 'session: prompt=none with a session',
        client,
        jar: jarA,
        overrides: { prompt: 'none' },
      })
      const ownHint = first.idToken?.raw
      const idTokenHint: SessionEvidence['idTokenHint'] = ownHint
        ? await attemptFlow(context, {
            label: 'session: prompt=none with id_token_hint',
            client,
            jar: jarA,
            overrides: { prompt: 'none', id_token_hint: ownHint },
          })
        : { unavailable: 'the first login returned no ID token to use as a hint' }
      const promptNoneCombined = await authorize(context, {
        label: 'session: prompt="none login"',
        client,
        jar: jarA,
        overrides: { prompt: 'none login' },
      })
      const promptUnknown = await authorize(context, {
        label: 'session: prompt=codeflow_unknown',
        client,
        jar: jarA,
        overrides: { prompt: 'codeflow_unknown' },
      })
      const promptNoneBadRedirect = await authorize(context, {
        label: 'session: prompt=none with an unregistered redirect_uri',
        client,
        jar: jarA,
        overrides: { prompt: 'none', redirect_uri: BAD_REDIRECT_URI },
        extraClientUris: [BAD_REDIRECT_URI],
      })
      const promptConsent = await attemptFlow(context, {
        label: 'session: prompt=consent',
        client,
        jar: jarA,
        overrides: { prompt: 'consent' },
      })
      await sleep(Math.max(0, firstDone + 2000 - Date.now()))
      const waitedMs = Date.now() - firstDone
      const maxAge1 = await attemptFlow(context, {
        label: 'session: max_age=1 after 2 s',
        client,
        jar: jarA,
        overrides: { max_age: '1' },
      })
      // Last in this session: a server may rightly end the session when the hint names another user,
      // and no probe after it may meet a session that this one ended.
      const otherHint = other?.idToken?.raw
      const idTokenHintMismatch: SessionEvidence['idTokenHintMismatch'] = !secondUser
        ? { unavailable: 'the target file has only one user; the mismatch check needs a second one' }
        : !otherHint
          ? { unavailable: "the second user's login returned no ID token to use as a hint" }
          : {
              ...(await attemptFlow(context, {
                label: "session: prompt=none with the second user's id_token_hint",
                client,
                jar: jarA,
                overrides: { prompt: 'none', id_token_hint: otherHint },
              })),
              ...(typeof other?.idToken?.claims?.sub === 'string' ? { hintSub: other.idToken.claims.sub } : {}),
            }
      return {
        maxAgeLarge,
        promptNone,
        idTokenHint,
        idTokenHintMismatch,
        promptNoneCombined,
        promptUnknown,
        promptNoneBadRedirect: { ...promptNoneBadRedirect, badRedirectUri: BAD_REDIRECT_URI },
        promptConsent,
        maxAge1: { ...maxAge1, waitedMs },
      }
    })()

    const [a, c] = await Promise.all([chainA, chainC])
    // Without login.consent, the form driver infers the consent page (docs/login-drivers.md); only
    // a consent page it recognised shows that it can tell one here, so that a missing one at
    // prompt=consent is the server's doing, not an unrecognised page.
    const inferredConsent = login.driver === 'form' && (sawConsent(first) || sawConsent(a.promptConsent))
    const consentRecognisable =
      login.driver !== 'module' &&
      target.capabilities.consent_page !== false &&
      (login.consent !== undefined || inferredConsent)
    return {
      session: {
        ssoSession: target.capabilities.sso_session,
        consentRecognisable,
        noSession,
        first,
        ...a,
        ...c,
      },
    }
  },
})

function sawConsent(flow: FlowAttempt): boolean {
  const { result } = flow.attempt
  return result.kind === 'callback' && result.sawConsent
}
