import { expect, it } from 'vitest'
import { checks } from '../catalog.js'
import { checkTags, tagDefinitions, testName } from './tags.js'

it('tags every check with tags the conformance config defines (vitest rejects an undefined tag)', () => {
  const defined = new Set(tagDefinitions().map((tag) => tag.name))
  const undefinedTags = checks.flatMap((check) =>
    checkTags(check)
      .filter((tag) => !defined.has(tag))
      .map((tag) => `${check.id}: ${tag}`),
  )
  expect(undefinedTags).toEqual([])
})

it('names a check by id, level and title so that -t filters on any of them', () => {
  expect(testName({ id: 'pkce.s256', level: 'MUST', title: 'S256 is honoured' })).toBe(
    'pkce.s256 [MUST] S256 is honoured',
  )
  expect(checkTags({ level: 'SHOULD', area: 'token', spec: ['RFC6749-5.1', 'RFC6749-5.2', 'OIDCC-3.1.3.3'] })).toEqual([
    'SHOULD',
    'RFC6749',
    'OIDCC',
    'area:token',
  ])
})

it('gives every test a unique name within its area file', () => {
  const names = checks.map((check) => `${check.area}/${testName(check)}`)
  expect(names.length).toBe(new Set(names).size)
})
