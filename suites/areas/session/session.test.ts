import { expect, it } from 'vitest'
import type { AnyCheck } from '../../harness/check.js'
import { attempt, callback, flow, judge, page } from '../../test-support/refresh-evidence.js'
import idTokenHint from './checks/id-token-hint.js'
import idTokenHintMismatch from './checks/id-token-hint-mismatch.js'
import maxAge0 from './checks/max-age-0.js'
import maxAge1 from './checks/max-age-1.js'
import maxAgeLarge from './checks/max-age-large.js'
import promptConsent from './checks/prompt-consent.js'
import promptLogin from './checks/prompt-login.js'
import promptNoneBadRedirect from './checks/prompt-none-bad-redirect.js'
import promptNoneCombined from './checks/prompt-none-combined.js'
import promptNoneNoSession from './checks/prompt-none-no-session.js'
import promptNoneSession from './checks/prompt-none-session.js'
import promptUnknown from './checks/prompt-unknown.js'
import type { SessionEvidence } from './gather/session-flows.js'
import { BAD_REDIRECT_URI } from './gather/session-flows.js'

const T = 1_700_000_000
const alice = (authTime: number) => ({ sub: 'alice', auth_time: authTime })
const errorRedirect = (error: string) => attempt(callback({ error, state: 'st' }))

function session(change: (evidence: SessionEvidence) => void = () => {}): { session: SessionEvidence } {
  const value: SessionEvidence = {
    ssoSession: true,
    consentRecognisable: true,
    noSession: errorRedirect('login_required'),
    first: flow({ claims: alice(T), login: true, consent: true }),
    maxAgeLarge: flow({ claims: alice(T) }),
    promptNone: flow({ claims: alice(T) }),
    idTokenHint: flow({ claims: alice(T) }),
    idTokenHintMismatch: { ...flow({ result: callback({ error: 'login_required', state: 'st' }) }), hintSub: 'bob' },
    promptNoneCombined: errorRedirect('invalid_request'),
    promptUnknown: errorRedirect('invalid_request'),
    promptNoneBadRedirect: { ...attempt(page(400)), badRedirectUri: BAD_REDIRECT_URI },
    promptConsent: flow({ claims: alice(T), consent: true }),
    maxAge1: { ...flow({ claims: alice(T + 2), login: true }), waitedMs: 2000 },
    maxAge0: { before: flow({ claims: alice(T), login: true }), after: flow({ claims: alice(T), login: true }) },
    promptLogin: { ...flow({ claims: alice(T + 1), login: true }), waitedMs: 1100 },
  }
  change(value)
  return { session: value }
}

const cases: Array<[string, AnyCheck, { session: SessionEvidence }, string]> = [
  ['sess.prompt-none-no-session passes login_required with state', promptNoneNoSession, session(), 'pass'],
  [
    'sess.prompt-none-no-session passes consent_required too',
    promptNoneNoSession,
    session((s) => {
      s.noSession = errorRedirect('consent_required')
    }),
    'pass',
  ],
  [
    'sess.prompt-none-no-session fails a login page',
    promptNoneNoSession,
    session((s) => {
      s.noSession = attempt(callback({ code: 'c', state: 'st' }, { login: true }))
    }),
    'fail',
  ],
  [
    'sess.prompt-none-no-session fails an error redirect without state',
    promptNoneNoSession,
    session((s) => {
      s.noSession = attempt(callback({ error: 'login_required' }))
    }),
    'fail',
  ],
  [
    'sess.prompt-none-no-session fails on invalid_request, outside the four codes of OIDC Core §3.1.2.6',
    promptNoneNoSession,
    session((s) => {
      s.noSession = errorRedirect('invalid_request')
    }),
    'fail',
  ],
  [
    'sess.prompt-none-no-session passes consent_required, one of the four interaction codes',
    promptNoneNoSession,
    session((s) => {
      s.noSession = errorRedirect('consent_required')
    }),
    'pass',
  ],
  ['sess.prompt-none-session passes a silent code for the same sub', promptNoneSession, session(), 'pass'],
  [
    'sess.prompt-none-session fails login_required despite a session',
    promptNoneSession,
    session((s) => {
      s.promptNone = flow({ result: callback({ error: 'login_required', state: 'st' }) })
    }),
    'fail',
  ],
  [
    'sess.prompt-none-session only reports consent_required, naming the unremembered consent',
    promptNoneSession,
    session((s) => {
      s.promptNone = flow({ result: callback({ error: 'consent_required', state: 'st' }) })
    }),
    'info',
  ],
  [
    'sess.id-token-hint only reports consent_required, naming the unremembered consent',
    idTokenHint,
    session((s) => {
      s.idTokenHint = flow({ result: callback({ error: 'consent_required', state: 'st' }) })
    }),
    'info',
  ],
  [
    'sess.prompt-none-session fails another sub',
    promptNoneSession,
    session((s) => {
      s.promptNone = flow({ claims: { sub: 'bob', auth_time: T } })
    }),
    'fail',
  ],
  [
    'sess.prompt-none-session skips a server without SSO sessions',
    promptNoneSession,
    session((s) => {
      s.ssoSession = false
    }),
    'skip',
  ],
  ['sess.prompt-login passes a new login with a later auth_time', promptLogin, session(), 'pass'],
  [
    'sess.prompt-login warns when auth_time did not move',
    promptLogin,
    session((s) => {
      s.promptLogin = { ...flow({ claims: alice(T), login: true }), waitedMs: 1100 }
    }),
    'warn',
  ],
  [
    'sess.prompt-login fails when no login page was shown',
    promptLogin,
    session((s) => {
      s.promptLogin = { ...flow({ claims: alice(T) }), waitedMs: 1100 }
    }),
    'fail',
  ],
  [
    'sess.prompt-login accepts login_required from a server that cannot re-authenticate',
    promptLogin,
    session((s) => {
      s.promptLogin = { ...flow({ result: callback({ error: 'login_required', state: 'st' }) }), waitedMs: 1100 }
    }),
    'info',
  ],
  ['sess.max-age-1 passes a new login with a later auth_time', maxAge1, session(), 'pass'],
  [
    'sess.max-age-1 fails when the session was reused',
    maxAge1,
    session((s) => {
      s.maxAge1 = { ...flow({ claims: alice(T) }), waitedMs: 2000 }
    }),
    'fail',
  ],
  [
    'sess.max-age-1 fails without auth_time',
    maxAge1,
    session((s) => {
      s.maxAge1 = { ...flow({ claims: { sub: 'alice' }, login: true }), waitedMs: 2000 }
    }),
    'fail',
  ],
  ['sess.max-age-large passes an identical auth_time without login', maxAgeLarge, session(), 'pass'],
  [
    'sess.max-age-large fails a changed auth_time',
    maxAgeLarge,
    session((s) => {
      s.maxAgeLarge = flow({ claims: alice(T + 5) })
    }),
    'fail',
  ],
  [
    'sess.max-age-large fails a missing auth_time',
    maxAgeLarge,
    session((s) => {
      s.maxAgeLarge = flow({ claims: { sub: 'alice' } })
    }),
    'fail',
  ],
  ['sess.max-age-0 passes a new login', maxAge0, session(), 'pass'],
  [
    'sess.max-age-0 fails a reused session',
    maxAge0,
    session((s) => {
      s.maxAge0 = { before: s.maxAge0.before, after: flow({ claims: alice(T) }) }
    }),
    'fail',
  ],
  ['sess.id-token-hint passes a silent code for the hinted sub', idTokenHint, session(), 'pass'],
  [
    'sess.id-token-hint fails an error',
    idTokenHint,
    session((s) => {
      s.idTokenHint = flow({ result: callback({ error: 'login_required', state: 'st' }) })
    }),
    'fail',
  ],
  ['sess.id-token-hint-mismatch passes login_required', idTokenHintMismatch, session(), 'pass'],
  [
    'sess.id-token-hint-mismatch fails a code for the session user',
    idTokenHintMismatch,
    session((s) => {
      s.idTokenHintMismatch = { ...flow({ claims: alice(T) }), hintSub: 'bob' }
    }),
    'fail',
  ],
  [
    'sess.id-token-hint-mismatch skips with a single user',
    idTokenHintMismatch,
    session((s) => {
      s.idTokenHintMismatch = { unavailable: 'one user' }
    }),
    'skip',
  ],
  ['sess.prompt-none-combined passes invalid_request', promptNoneCombined, session(), 'pass'],
  [
    'sess.prompt-none-combined fails an issued code',
    promptNoneCombined,
    session((s) => {
      s.promptNoneCombined = attempt(callback({ code: 'c', state: 'st' }))
    }),
    'fail',
  ],
  [
    'sess.prompt-none-combined warns on login_required',
    promptNoneCombined,
    session((s) => {
      s.promptNoneCombined = errorRedirect('login_required')
    }),
    'warn',
  ],
  ['sess.prompt-unknown reports a refusal', promptUnknown, session(), 'info'],
  [
    'sess.prompt-unknown reports an ignored value',
    promptUnknown,
    session((s) => {
      s.promptUnknown = attempt(callback({ code: 'c', state: 'st' }))
    }),
    'info',
  ],
  ['sess.prompt-none-bad-redirect passes an error page', promptNoneBadRedirect, session(), 'pass'],
  [
    'sess.prompt-none-bad-redirect fails a redirect to the unregistered URI',
    promptNoneBadRedirect,
    session((s) => {
      s.promptNoneBadRedirect = {
        ...attempt(callback({ code: 'c' }, { url: `${BAD_REDIRECT_URI}?code=c` })),
        badRedirectUri: BAD_REDIRECT_URI,
      }
    }),
    'fail',
  ],
  ['sess.prompt-consent passes a consent page', promptConsent, session(), 'pass'],
  [
    'sess.prompt-consent fails when consent was not asked again',
    promptConsent,
    session((s) => {
      s.promptConsent = flow({ claims: alice(T) })
    }),
    'fail',
  ],
  [
    'sess.prompt-consent skips when the driver cannot recognise a consent page',
    promptConsent,
    session((s) => {
      s.consentRecognisable = false
    }),
    'skip',
  ],
]

it.each(cases)('%s', (_title, check, evidence, kind) => {
  expect(judge(check, evidence).kind).toBe(kind)
})

it('names the setup condition when prompt=none answers consent_required', () => {
  const verdict = judge(
    promptNoneSession,
    session((s) => {
      s.promptNone = flow({ result: callback({ error: 'consent_required', state: 'st' }) })
    }),
  )
  expect(verdict).toMatchObject({ kind: 'info', message: expect.stringContaining('does not remember the consent') })
})
