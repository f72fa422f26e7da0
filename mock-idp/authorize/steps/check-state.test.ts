import { describe, expect, it } from 'vitest'
import { stepInput } from '../../../test/support/authorize-input.js'
import { InvalidRequest } from '../../errors.js'
import { checkState } from './check-state.js'

describe('check-state', () => {
  it('keeps state byte for byte, spaces, plus signs and non-ASCII included', () => {
    const state = ' a+b %20 ü/?&= "x" '
    expect(checkState(stepInput({ state }), {}).state).toBe(state)
  })

  it('leaves state out when it was not sent or was empty', () => {
    expect(checkState(stepInput({}), {})).not.toHaveProperty('state')
    expect(checkState(stepInput('state='), {})).not.toHaveProperty('state')
  })

  it('rejects a state longer than limits.maxParameterLength', () => {
    const input = stepInput({ state: 'x'.repeat(101) }, { limits: { maxParameterLength: 100 } })
    expect(() => checkState(input, {})).toThrow(InvalidRequest)
  })

  it('rejects a repeated state', () => {
    expect(() => checkState(stepInput('state=a&state=b'), {})).toThrow(/more than once/)
  })
})
