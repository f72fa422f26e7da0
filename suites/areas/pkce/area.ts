/** PKCE (RFC 7636). */

import type { CheckArea } from '../../harness/check-area.js'
import challengeSyntax from './checks/challenge-syntax.js'
import methodOmitted from './checks/method-omitted.js'
import missingVerifier from './checks/missing-verifier.js'
import plainPolicy from './checks/plain-policy.js'
import requiredPolicy from './checks/required-policy.js'
import s256 from './checks/s256.js'
import s256ToPlainDowngrade from './checks/s256-to-plain-downgrade.js'
import supported from './checks/supported.js'
import unknownMethod from './checks/unknown-method.js'
import verifierSyntax from './checks/verifier-syntax.js'
import verifierWithoutChallenge from './checks/verifier-without-challenge.js'
import wrongVerifier from './checks/wrong-verifier.js'
import { pkceGatherers as scenarios } from './gather/pkce-scenarios.js'
import { pkceUnprovable } from './unprovable.js'

export const pkceArea: CheckArea = {
  name: 'pkce',
  checks: [
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
  ],
  gatherers: scenarios,
  notApplicable: [],
  unprovable: pkceUnprovable,
}
