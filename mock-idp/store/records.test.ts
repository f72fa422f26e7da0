import { expect, it } from 'vitest'
import { kindOfKey, storeKey } from './records.js'

it('gives every kind of key the store is written with a budget', () => {
  const kinds = Object.fromEntries(Object.entries(storeKey).map(([name, key]) => [name, kindOfKey(key('value'))]))
  expect(kinds).toEqual({
    interaction: 'interactions',
    session: 'sessions',
    code: 'codes',
    redeemedCode: 'tokens',
    accessToken: 'tokens',
    refreshToken: 'tokens',
    rotatedRefreshToken: 'tokens',
    revokedGrant: 'tokens',
  })
})

it('refuses a key of no known kind', () => {
  expect(() => kindOfKey('cache:x')).toThrow(/no known kind/)
  expect(() => kindOfKey('constructor:x')).toThrow(/no known kind/)
  expect(() => kindOfKey('no-prefix')).toThrow(/no known kind/)
})
