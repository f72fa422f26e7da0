/** state (RFC 6749 §4.1.1, §4.1.2, §4.1.2.1). */

import type { CheckArea } from '../../harness/check-area.js'
import absent from './checks/absent.js'
import echoed from './checks/echoed.js'
import echoedOnError from './checks/echoed-on-error.js'
import long from './checks/long.js'
import reflectionEscaped from './checks/reflection-escaped.js'
import specialChars from './checks/special-chars.js'
import { stateGathererList } from './gather/state-scenarios.js'
import { stateUnprovable } from './unprovable.js'

export const stateArea: CheckArea = {
  name: 'state',
  checks: [echoed, echoedOnError, long, specialChars, absent, reflectionEscaped],
  gatherers: stateGathererList,
  notApplicable: [],
  unprovable: stateUnprovable,
}
