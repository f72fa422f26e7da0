/** Authorization code (catalog §4.4). */

import { codeExpiryGatherer, codeSamplesGatherer, codeTypeConfusionGatherer } from '../../gatherers/code-properties.js'
import { codeConcurrentGatherer, codeReplayDelayedGatherer, codeReplayGatherer } from '../../gatherers/code-replay.js'
import type { AnyCheck, NotApplicable } from '../../harness/check.js'
import type { AnyGatherer } from '../../harness/gatherer.js'
import bogusCode from './bogus-code.js'
import charset from './charset.js'
import concurrentRedeem from './concurrent-redeem.js'
import entropy from './entropy.js'
import expiry from './expiry.js'
import failedAttemptPolicy from './failed-attempt-policy.js'
import reuseRevokesAccessToken from './reuse-revokes-access-token.js'
import reuseRevokesRefreshToken from './reuse-revokes-refresh-token.js'
import singleUseDelayed from './single-use-delayed.js'
import singleUseImmediate from './single-use-immediate.js'
import typeConfusion from './type-confusion.js'

export const codeChecks: AnyCheck[] = [
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
]

/** Gatherers this area adds (shared ones live in suites/flows and suites/gatherers). */
export const codeGatherers: AnyGatherer[] = [
  codeSamplesGatherer,
  codeReplayGatherer,
  codeReplayDelayedGatherer,
  codeConcurrentGatherer,
  codeTypeConfusionGatherer,
  codeExpiryGatherer,
]

/** Catalog rows this area does not implement, each with the reason (listed in suites/README.md). */
export const codeNotApplicable: NotApplicable[] = []
