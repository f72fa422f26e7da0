import { describe, expect, it } from 'vitest'
import { stepInput } from '../../../test/support/authorize-input.js'
import { InvalidRequest } from '../../errors.js'
import { checkPrompt } from './check-prompt.js'

describe('check-prompt', () => {
  it('is an empty list when prompt is absent', () => {
    expect(checkPrompt(stepInput({}), {}).prompt).toEqual([])
  })

  it('accepts login consent together', () => {
    expect(checkPrompt(stepInput({ prompt: 'login consent' }), {}).prompt).toEqual(['login', 'consent'])
  })

  it('accepts select_account', () => {
    expect(checkPrompt(stepInput({ prompt: 'select_account' }), {}).prompt).toEqual(['select_account'])
  })

  it('rejects none combined with another value', () => {
    expect(() => checkPrompt(stepInput({ prompt: 'none login' }), {})).toThrow(InvalidRequest)
    expect(() => checkPrompt(stepInput({ prompt: 'consent none' }), {})).toThrow(/must not be combined/)
  })

  it('rejects an unknown prompt value (values are case-sensitive)', () => {
    expect(() => checkPrompt(stepInput({ prompt: 'Login' }), {})).toThrow(/"Login" is not supported/)
  })
})
