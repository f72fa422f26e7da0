/** The integration guide's samples, run as written. */

import type { CheckArea } from '../../harness/check-area.js'
import authorizationSample from './checks/authorization-sample.js'
import errata from './checks/errata.js'
import tokenSample from './checks/token-sample.js'
import userinfoSample from './checks/userinfo-sample.js'
import { guideSamplesGatherer } from './gather/guide-samples.js'
import { guideUnprovable } from './unprovable.js'

export const guideArea: CheckArea = {
  name: 'guide',
  checks: [authorizationSample, tokenSample, userinfoSample, errata],
  gatherers: [guideSamplesGatherer],
  notApplicable: [],
  unprovable: guideUnprovable,
}
