import { describe, expect, it } from 'vitest'
import { stepInput } from '../../../test/support/authorize-input.js'
import { InvalidRequest } from '../../errors.js'
import { checkMaxAge } from './check-max-age.js'

describe('check-max-age', () => {
  it('reads a non-negative integer, zero included', () => {
    expect(checkMaxAge(stepInput({ max_age: '3600' }), {}).maxAge).toBe(3600)
    expect(checkMaxAge(stepInput({ max_age: '0' }), {}).maxAge).toBe(0)
  })

  it('leaves maxAge out when absent', () => {
    expect(checkMaxAge(stepInput({}), {})).not.toHaveProperty('maxAge')
  })

  it.each(['-1', '1.5', '1e3', ' 60', '0x10', 'abc', '9'.repeat(20)])('rejects max_age=%j', (value) => {
    expect(() => checkMaxAge(stepInput({ max_age: value }), {})).toThrow(InvalidRequest)
  })
})
