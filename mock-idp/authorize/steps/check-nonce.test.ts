import { describe, expect, it } from 'vitest'
import { stepInput } from '../../../test/support/authorize-input.js'
import { checkNonce } from './check-nonce.js'

describe('check-nonce', () => {
  it('keeps the nonce unmodified for the ID token', () => {
    expect(checkNonce(stepInput({ nonce: 'n-0S6_WzA2Mj +/=' }), {}).nonce).toBe('n-0S6_WzA2Mj +/=')
  })

  it('leaves nonce out when it was not sent', () => {
    expect(checkNonce(stepInput({}), {})).not.toHaveProperty('nonce')
  })

  it('rejects a repeated nonce', () => {
    expect(() => checkNonce(stepInput('nonce=a&nonce=b'), {})).toThrow(/more than once/)
  })
})
