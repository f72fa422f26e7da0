import { describe, expect, it } from 'vitest'
import { stepInput } from '../../../test/support/authorize-input.js'
import { InvalidRedirectTarget } from '../../errors.js'
import { checkClient } from './check-client.js'

describe('check-client', () => {
  it('accepts a registered client_id and records the client', () => {
    const draft = checkClient(stepInput({ client_id: 's6BhdRkqt3' }), {})
    expect(draft.clientId).toBe('s6BhdRkqt3')
    expect(draft.client?.client_name).toBe('Integration guide sample client')
  })

  it('rejects a missing client_id with an error page, not a redirect', () => {
    expect(() => checkClient(stepInput({}), {})).toThrow(InvalidRedirectTarget)
    expect(() => checkClient(stepInput({}), {})).toThrow(/"client_id" parameter is missing/)
  })

  it('rejects an unknown client_id as invalid_client naming the registered clients', () => {
    try {
      checkClient(stepInput({ client_id: 'nobody' }), {})
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidRedirectTarget)
      expect((error as InvalidRedirectTarget).error).toBe('invalid_client')
      expect((error as InvalidRedirectTarget).redirectable).toBe(false)
      expect((error as Error).message).toContain('"nobody"')
      expect((error as Error).message).toContain('"s6BhdRkqt3"')
    }
  })

  it('rejects a repeated client_id with an error page', () => {
    expect(() => checkClient(stepInput('client_id=s6BhdRkqt3&client_id=codeflow-basic'), {})).toThrow(
      InvalidRedirectTarget,
    )
  })

  it('treats an empty client_id as missing', () => {
    expect(() => checkClient(stepInput('client_id='), {})).toThrow(/missing/)
  })
})
