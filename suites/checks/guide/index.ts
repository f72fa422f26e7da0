/** The integration guide's samples, run as written. */

import { guideSamplesGatherer } from '../../gatherers/guide-samples.js'
import type { AnyCheck, NotApplicable } from '../../harness/check.js'
import type { AnyGatherer } from '../../harness/gatherer.js'
import authorizationSample from './authorization-sample.js'
import errata from './errata.js'
import tokenSample from './token-sample.js'
import userinfoSample from './userinfo-sample.js'

export const guideChecks: AnyCheck[] = [authorizationSample, tokenSample, userinfoSample, errata]

/** Gatherers this area adds (shared ones live in suites/flows and suites/gatherers). */
export const guideGatherers: AnyGatherer[] = [guideSamplesGatherer]

/** Catalog rows this area does not implement, each with the reason (listed in suites/README.md). */
export const guideNotApplicable: NotApplicable[] = []
