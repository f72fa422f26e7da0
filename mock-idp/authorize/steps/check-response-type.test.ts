import { describe, expect, it } from 'vitest'
import { stepInput, withClient } from '../../../test/support/authorize-input.js'
import { InvalidRequest, UnauthorizedClient, UnsupportedResponseType } from '../../errors.js'
import { checkResponseType } from './check-response-type.js'

function run(query: Record<string, string>, config = {}, clientId = 's6BhdRkqt3') {
  const input = stepInput(query, config)
  return checkResponseType(input, withClient(input, clientId))
}

describe('check-response-type', () => {
  it('accepts response_type=code', () => {
    expect(run({ response_type: 'code' }).responseType).toBe('code')
  })

  it('rejects a missing response_type as invalid_request', () => {
    expect(() => run({})).toThrow(InvalidRequest)
  })

  it('rejects other response types as unsupported_response_type', () => {
    expect(() => run({ response_type: 'token' })).toThrow(UnsupportedResponseType)
    expect(() => run({ response_type: 'code id_token' })).toThrow(UnsupportedResponseType)
  })

  it('rejects a client not registered for the authorization_code grant as unauthorized_client', () => {
    const config = {
      clients: [
        { client_id: 'rt-only', client_secret: 's', redirect_uris: ['https://rp/cb'], grant_types: ['refresh_token'] },
      ],
    }
    expect(() => run({ response_type: 'code' }, config, 'rt-only')).toThrow(UnauthorizedClient)
  })
})

describe('check-response-type with a rule waived', () => {
  it('treats a missing response_type as code under response-type-missing-accepted', () => {
    const input = stepInput({}, { behaviours: ['response-type-missing-accepted'] })
    expect(checkResponseType(input, withClient(input, 's6BhdRkqt3')).responseType).toBe('code')
  })

  it('treats an unknown response_type as code under response-type-unknown-accepted', () => {
    const input = stepInput({ response_type: 'foo' }, { behaviours: ['response-type-unknown-accepted'] })
    expect(checkResponseType(input, withClient(input, 's6BhdRkqt3')).responseType).toBe('code')
  })
})
