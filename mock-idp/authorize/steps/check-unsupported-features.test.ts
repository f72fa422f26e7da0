import { describe, expect, it } from 'vitest'
import { stepInput } from '../../../test/support/authorize-input.js'
import { RequestNotSupported, RequestUriNotSupported } from '../../errors.js'
import { checkUnsupportedFeatures } from './check-unsupported-features.js'

describe('check-unsupported-features', () => {
  it('rejects a request object with request_not_supported', () => {
    expect(() => checkUnsupportedFeatures(stepInput({ request: 'eyJ.eyJ.sig' }), {})).toThrow(RequestNotSupported)
  })

  it('rejects request_uri with request_uri_not_supported', () => {
    expect(() => checkUnsupportedFeatures(stepInput({ request_uri: 'https://rp/req' }), {})).toThrow(
      RequestUriNotSupported,
    )
  })

  it('rejects registration with registration_not_supported', () => {
    try {
      checkUnsupportedFeatures(stepInput({ registration: '{}' }), {})
      expect.unreachable()
    } catch (error) {
      expect((error as { error: string }).error).toBe('registration_not_supported')
    }
  })

  it('passes a request without those parameters', () => {
    expect(checkUnsupportedFeatures(stepInput({ scope: 'openid' }), {})).toEqual({})
  })
})
