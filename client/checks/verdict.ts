/**
 * A sign-in check's verdict from the outcome of its sign-in (pure): must-reject passes when the app
 * refused, must-accept when it signed the user in; an unexplained page is an `error` of the run,
 * never a conformance finding.
 */
import { fail, pass, type Verdict } from '../../suites/harness/check.js'
import type { SignInOutcome } from '../outcome/read-outcome.js'
import type { SignInCheck } from './client-check.js'

export type SignInVerdict = Verdict | { kind: 'error'; message: string }

export function signInVerdict(check: SignInCheck, outcome: SignInOutcome): SignInVerdict {
  if (outcome.kind === 'unexplained') return { kind: 'error', message: outcome.message }
  const evidence = { actual: { outcome: outcome.kind, matched: outcome.matched } }
  if (check.kind === 'must-reject')
    return outcome.kind === 'refused'
      ? pass('the app refused the sign-in', evidence)
      : fail('the app signed the user in although it should have refused the sign-in', {
          expected: 'the sign-in refused',
          ...evidence,
        })
  return outcome.kind === 'signed-in'
    ? pass('the app signed the user in', evidence)
    : fail('the app refused a sign-in it should have accepted', { expected: 'the user signed in', ...evidence })
}
