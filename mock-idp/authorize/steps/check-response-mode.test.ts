import { describe, expect, it } from 'vitest'
import { stepInput } from '../../../test/support/authorize-input.js'
import { InvalidRequest } from '../../errors.js'
import { checkResponseMode } from './check-response-mode.js'

describe('check-response-mode', () => {
  it('defaults to query for the code response type', () => {
    expect(checkResponseMode(stepInput({}), {}).responseMode).toBe('query')
  })

  it('accepts fragment and form_post when configured', () => {
    expect(checkResponseMode(stepInput({ response_mode: 'fragment' }), {}).responseMode).toBe('fragment')
    expect(checkResponseMode(stepInput({ response_mode: 'form_post' }), {}).responseMode).toBe('form_post')
  })

  it('rejects a mode the configuration does not list', () => {
    const input = stepInput({ response_mode: 'form_post' }, { responseModes: ['query'] })
    expect(() => checkResponseMode(input, {})).toThrow(InvalidRequest)
    expect(() => checkResponseMode(input, {})).toThrow(/supported values: query/)
  })

  it('rejects an unknown mode', () => {
    expect(() => checkResponseMode(stepInput({ response_mode: 'web_message' }), {})).toThrow(/"web_message"/)
  })
})
