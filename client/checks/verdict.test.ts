import { expect, it } from 'vitest'
import { outcomeOf } from '../../suites/harness/outcome.js'
import type { SignInOutcome } from '../outcome/read-outcome.js'
import type { SignInCheck } from './client-check.js'
import { signInVerdict } from './verdict.js'

const check = (kind: SignInCheck['kind'], level: SignInCheck['level'] = 'MUST'): SignInCheck => ({
  id: 'client.x.y',
  title: 't',
  area: 'client-id-token',
  kind,
  level,
  spec: ['OIDCC-3.1.3.7'],
  rule: 'r',
  oidf: null,
  arming: { kind: 'behaviour', behaviour: 'iss-wrong' },
})
const signedIn: SignInOutcome = { kind: 'signed-in', matched: ['status 200'] }
const refused: SignInOutcome = { kind: 'refused', matched: ['status 401'] }

it('passes a must-reject check when the app refused the sign-in', () => {
  expect(signInVerdict(check('must-reject'), refused).kind).toBe('pass')
})

it('fails a must-reject check when the app signed the user in, at the check level', () => {
  const verdict = signInVerdict(check('must-reject', 'SHOULD'), signedIn)
  expect(verdict.kind).toBe('fail')
  if (verdict.kind !== 'error') expect(outcomeOf(verdict, 'SHOULD').outcome).toBe('warning')
})

it('passes a must-accept check when the app signed the user in and fails it on a refusal', () => {
  expect(signInVerdict(check('must-accept'), signedIn).kind).toBe('pass')
  expect(signInVerdict(check('must-accept'), refused).kind).toBe('fail')
})

it('makes an unexplained final page an error, never a finding', () => {
  expect(signInVerdict(check('must-reject'), { kind: 'unexplained', message: 'neither', unmatched: [] })).toEqual({
    kind: 'error',
    message: 'neither',
  })
})
