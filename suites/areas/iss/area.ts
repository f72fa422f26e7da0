/** The `iss` authorization response parameter (RFC 9207 §2). */

import type { CheckArea } from '../../harness/check-area.js'
import advertised from './checks/advertised.js'
import alwaysIfAdvertised from './checks/always-if-advertised.js'
import inError from './checks/in-error.js'
import value from './checks/value.js'
import { issErrorRedirectGatherer } from './gather/iss-error-redirect.js'
import { issUnprovable } from './unprovable.js'

export const issArea: CheckArea = {
  name: 'iss',
  checks: [value, alwaysIfAdvertised, inError, advertised],
  // Also used by disc.metadata-vs-behaviour.
  gatherers: [issErrorRedirectGatherer],
  notApplicable: [],
  unprovable: issUnprovable,
}
