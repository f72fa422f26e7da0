/** PKCE (catalog §4.6). */

import { pkceGatherers as scenarios } from '../../gatherers/pkce-scenarios.js'
import type { AnyCheck, NotApplicable } from '../../harness/check.js'
import type { AnyGatherer } from '../../harness/gatherer.js'
import challengeSyntax from './challenge-syntax.js'
import methodOmitted from './method-omitted.js'
import missingVerifier from './missing-verifier.js'
import plainPolicy from './plain-policy.js'
import requiredPolicy from './required-policy.js'
import s256 from './s256.js'
import s256ToPlainDowngrade from './s256-to-plain-downgrade.js'
import supported from './supported.js'
import unknownMethod from './unknown-method.js'
import verifierSyntax from './verifier-syntax.js'
import verifierWithoutChallenge from './verifier-without-challenge.js'
import wrongVerifier from './wrong-verifier.js'

export const pkceChecks: AnyCheck[] = [
  s256,
  wrongVerifier,
  missingVerifier,
  verifierWithoutChallenge,
  s256ToPlainDowngrade,
  plainPolicy,
  methodOmitted,
  unknownMethod,
  verifierSyntax,
  challengeSyntax,
  requiredPolicy,
  supported,
]

/** Gatherers this area adds (shared ones live in suites/flows and suites/gatherers). */
export const pkceGatherers: AnyGatherer[] = scenarios

/** Catalog rows this area does not implement, each with the reason (listed in suites/README.md). */
export const pkceNotApplicable: NotApplicable[] = []
