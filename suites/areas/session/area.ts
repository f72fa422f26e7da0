/** prompt, max_age, id_token_hint (OIDC Core §3.1.2.1, §3.1.2.3). */

import type { CheckArea } from '../../harness/check-area.js'
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
import { sessionGatherer } from './gather/session-flows.js'
import { sessionUnprovable } from './unprovable.js'

export const sessionArea: CheckArea = {
  name: 'session',
  checks: [
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
  ],
  gatherers: [sessionGatherer],
  notApplicable: [],
  unprovable: sessionUnprovable,
}
