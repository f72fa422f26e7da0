/** Introspection (RFC 7662). */

import type { CheckArea } from '../../harness/check-area.js'
import active from './checks/active.js'
import afterCodeReuse from './checks/after-code-reuse.js'
import authRequired from './checks/auth-required.js'
import hintIndependent from './checks/hint-independent.js'
import inactive from './checks/inactive.js'
import metadata from './checks/metadata.js'
import requestShape from './checks/request-shape.js'
import { introspectionGatherer } from './gather/introspection-flows.js'
import { introspectionUnprovable } from './unprovable.js'

export const introspectionArea: CheckArea = {
  name: 'introspection',
  checks: [active, inactive, authRequired, hintIndependent, afterCodeReuse, requestShape, metadata],
  gatherers: [introspectionGatherer],
  notApplicable: [],
  unprovable: introspectionUnprovable,
}
