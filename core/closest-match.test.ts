import { expect, it } from 'vitest'
import { closestMatch, editDistance } from './closest-match.js'

it('counts insertions, deletions and substitutions', () => {
  expect(editDistance('kitten', 'sitting')).toBe(3)
  expect(editDistance('', 'abc')).toBe(3)
  expect(editDistance('same', 'same')).toBe(0)
})

it('suggests the closest known name for a misspelt one, ignoring case', () => {
  expect(closestMatch('acessTokenTtl', ['refreshTokenTtl', 'accessTokenTtl'])).toBe('accessTokenTtl')
  expect(closestMatch('ACCESSTOKENTTL', ['accessTokenTtl'])).toBe('accessTokenTtl')
})

it('suggests nothing when no known name is within a third of its length or two edits', () => {
  expect(closestMatch('issuer', ['clients', 'tokens'])).toBeUndefined()
})
