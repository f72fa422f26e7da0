import { describe, expect, it } from 'vitest'
import { stepInput } from '../../../test/support/authorize-input.js'
import { InvalidRequest } from '../../errors.js'
import { checkRepeatedParameters } from './check-repeated-parameters.js'

describe('check-repeated-parameters', () => {
  it('passes when every parameter appears once', () => {
    expect(checkRepeatedParameters(stepInput({ a: '1', b: '2' }), {})).toEqual({})
  })

  it('rejects any parameter sent twice, naming it', () => {
    expect(() => checkRepeatedParameters(stepInput('scope=openid&x=1&x=2'), {})).toThrow(InvalidRequest)
    expect(() => checkRepeatedParameters(stepInput('scope=openid&x=1&x=2'), {})).toThrow(/"x" parameter was/)
  })

  it('ignores empty duplicates, which count as omitted', () => {
    expect(checkRepeatedParameters(stepInput('nonce=&nonce=n'), {})).toEqual({})
  })
})
