/** state (catalog §4.3). */
import { stateGathererList } from '../../gatherers/state-scenarios.js'
import type { AnyCheck, NotApplicable } from '../../harness/check.js'
import type { AnyGatherer } from '../../harness/gatherer.js'
import absent from './absent.js'
import echoed from './echoed.js'
import echoedOnError from './echoed-on-error.js'
import long from './long.js'
import reflectionEscaped from './reflection-escaped.js'
import specialChars from './special-chars.js'

export const stateChecks: AnyCheck[] = [echoed, echoedOnError, long, specialChars, absent, reflectionEscaped]

/** Gatherers this area adds (shared ones live in suites/flows and suites/gatherers). */
export const stateGatherers: AnyGatherer[] = [...stateGathererList]

/** Catalog rows this area does not implement, each with the reason (listed in suites/README.md). */
export const stateNotApplicable: NotApplicable[] = []
