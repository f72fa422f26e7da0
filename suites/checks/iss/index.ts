/** RFC 9207 iss (catalog §4.12). */

import { issErrorRedirectGatherer } from '../../gatherers/iss-error-redirect.js'
import type { AnyCheck, NotApplicable } from '../../harness/check.js'
import type { AnyGatherer } from '../../harness/gatherer.js'
import advertised from './advertised.js'
import alwaysIfAdvertised from './always-if-advertised.js'
import inError from './in-error.js'
import value from './value.js'

export const issChecks: AnyCheck[] = [value, alwaysIfAdvertised, inError, advertised]

/** Gatherers this area adds (shared ones live in suites/flows and suites/gatherers). Also used by disc.metadata-vs-behaviour. */
export const issGatherers: AnyGatherer[] = [issErrorRedirectGatherer]

/** Catalog rows this area does not implement, each with the reason (listed in suites/README.md). */
export const issNotApplicable: NotApplicable[] = []
