/** prompt, max_age, id_token_hint (catalog §4.13). */
import { sessionGatherer } from '../../gatherers/session-flows.js'
import type { AnyCheck, NotApplicable } from '../../harness/check.js'
import type { AnyGatherer } from '../../harness/gatherer.js'
import idTokenHint from './id-token-hint.js'
import idTokenHintMismatch from './id-token-hint-mismatch.js'
import maxAge0 from './max-age-0.js'
import maxAge1 from './max-age-1.js'
import maxAgeLarge from './max-age-large.js'
import promptConsent from './prompt-consent.js'
import promptLogin from './prompt-login.js'
import promptNoneBadRedirect from './prompt-none-bad-redirect.js'
import promptNoneCombined from './prompt-none-combined.js'
import promptNoneNoSession from './prompt-none-no-session.js'
import promptNoneSession from './prompt-none-session.js'
import promptUnknown from './prompt-unknown.js'

export const sessionChecks: AnyCheck[] = [
  promptNoneNoSession,
  promptNoneSession,
  promptLogin,
  maxAge1,
  maxAgeLarge,
  maxAge0,
  idTokenHint,
  idTokenHintMismatch,
  promptNoneCombined,
  promptUnknown,
  promptNoneBadRedirect,
  promptConsent,
]

/** Gatherers this area adds (shared ones live in suites/flows and suites/gatherers). */
export const sessionGatherers: AnyGatherer[] = [sessionGatherer]

/** Catalog rows this area does not implement, each with the reason (listed in suites/README.md). */
export const sessionNotApplicable: NotApplicable[] = []
