/** Authorization code: single use, lifetime, entropy and characters (RFC 6749 §4.1.2, §10.5, §10.10, Appendix A.11). */

import type { CheckArea } from '../../harness/check-area.js'
import bogusCode from './checks/bogus-code.js'
import charset from './checks/charset.js'
import concurrentRedeem from './checks/concurrent-redeem.js'
import entropy from './checks/entropy.js'
import expiry from './checks/expiry.js'
import failedAttemptPolicy from './checks/failed-attempt-policy.js'
import reuseRevokesAccessToken from './checks/reuse-revokes-access-token.js'
import reuseRevokesRefreshToken from './checks/reuse-revokes-refresh-token.js'
import singleUseDelayed from './checks/single-use-delayed.js'
import singleUseImmediate from './checks/single-use-immediate.js'
import typeConfusion from './checks/type-confusion.js'
import { codeExpiryGatherer, codeSamplesGatherer, codeTypeConfusionGatherer } from './gather/code-properties.js'
import { codeConcurrentGatherer, codeReplayDelayedGatherer, codeReplayGatherer } from './gather/code-replay.js'
import { codeUnprovable } from './unprovable.js'

export const codeArea: CheckArea = {
  name: 'code',
  checks: [
    entropy,
    charset,
    singleUseImmediate,
    singleUseDelayed,
    concurrentRedeem,
    reuseRevokesAccessToken,
    reuseRevokesRefreshToken,
    expiry,
    bogusCode,
    typeConfusion,
    failedAttemptPolicy,
  ],
  gatherers: [
    codeSamplesGatherer,
    codeReplayGatherer,
    codeReplayDelayedGatherer,
    codeConcurrentGatherer,
    codeTypeConfusionGatherer,
    codeExpiryGatherer,
  ],
  notApplicable: [],
  unprovable: codeUnprovable,
}
