/** idt.standard-claim-types — OIDC Core §5.1 (Standard Claims and their JSON types). */

import type { Exchange } from '../../../../reports/run-result.js'
import { defineCheck, fail, pass, skip, type Verdict } from '../../../harness/check.js'
import { NO_ID_TOKEN } from './common.js'

const BOOLEAN = ['email_verified', 'phone_number_verified']
const NUMBER = ['updated_at']
const OBJECT = ['address']
const STRING = [
  'name',
  'given_name',
  'family_name',
  'middle_name',
  'nickname',
  'preferred_username',
  'profile',
  'picture',
  'website',
  'email',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'phone_number',
]
const ADDRESS_MEMBERS = ['formatted', 'street_address', 'locality', 'region', 'postal_code', 'country']

/** The standard claims whose JSON type is not the one OIDC Core §5.1 gives them. */
export function mistypedClaims(
  claims: Record<string, unknown>,
): Array<{ claim: string; expected: string; actual: string }> {
  const wrong: Array<{ claim: string; expected: string; actual: string }> = []
  const kind = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value)
  const expect = (names: string[], type: string) => {
    for (const claim of names)
      if (claim in claims && kind(claims[claim]) !== type)
        wrong.push({ claim, expected: type, actual: kind(claims[claim]) })
  }
  expect(STRING, 'string')
  expect(BOOLEAN, 'boolean')
  expect(NUMBER, 'number')
  expect(OBJECT, 'object')
  const address = claims.address
  if (address && kind(address) === 'object') {
    for (const member of ADDRESS_MEMBERS) {
      const value = (address as Record<string, unknown>)[member]
      if (value !== undefined && typeof value !== 'string')
        wrong.push({ claim: `address.${member}`, expected: 'string', actual: kind(value) })
    }
  }
  return wrong
}

/** A failure naming every standard claim of the wrong JSON type, or undefined when every type is right. */
export function mistypedClaimsFailure(claims: Record<string, unknown>, exchanges: Exchange[]): Verdict | undefined {
  const wrong = mistypedClaims(claims)
  if (wrong.length === 0) return undefined
  return fail(
    `standard claims with the wrong JSON type: ${wrong.map((w) => `"${w.claim}" is ${w.actual}, not ${w.expected}`).join('; ')}`,
    {
      actual: wrong,
      exchanges,
    },
  )
}

export default defineCheck({
  id: 'idt.standard-claim-types',
  title: 'Standard claims in the ID token have the JSON types of OIDC Core §5.1',
  area: 'id-token',
  level: 'MUST',
  spec: ['OIDCC-5.1', 'OIDCC-5.1.1'],
  needs: ['happyFlow'],
  coveredBy: { oidf: 'ValidateIdTokenStandardClaims, EnsureIdTokenUpdatedAtValid' },
  evaluate: ({ happyFlow }) => {
    const claims = happyFlow.idToken?.claims
    if (!claims) return skip(NO_ID_TOKEN)
    const exchanges = [happyFlow.token.exchange]
    // OIDC Core §5.1: e.g. email_verified "boolean", updated_at "number", address "JSON object".
    return mistypedClaimsFailure(claims, exchanges) ?? pass(undefined, { exchanges })
  },
})
