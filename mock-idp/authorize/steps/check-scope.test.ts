import { describe, expect, it } from 'vitest'
import { stepInput, withClient } from '../../../test/support/authorize-input.js'
import { InvalidScope } from '../../errors.js'
import { checkScope } from './check-scope.js'

function run(query: Record<string, string>, clientId = 's6BhdRkqt3') {
  const input = stepInput(query)
  return checkScope(input, withClient(input, clientId))
}

describe('check-scope', () => {
  it("accepts the integration guide's scopes in order, without duplicates", () => {
    expect(run({ scope: 'openid profile user_profile additional_info profile' }).scope).toEqual([
      'openid',
      'profile',
      'user_profile',
      'additional_info',
    ])
  })

  it('rejects a missing scope as invalid_scope (no default scope)', () => {
    expect(() => run({})).toThrow(InvalidScope)
  })

  it('rejects an unknown scope, naming it', () => {
    expect(() => run({ scope: 'openid admin' })).toThrow(/unknown scope "admin"/)
  })

  it('rejects a scope the client may not request', () => {
    // codeflow-post may not request user_profile (its registered scope list omits it).
    expect(() => run({ scope: 'openid user_profile' }, 'codeflow-post')).toThrow(
      /client "codeflow-post" may not request scope "user_profile"/,
    )
  })

  it('rejects scope tokens with characters outside RFC 6749 §3.3', () => {
    expect(() => run({ scope: 'openid "profile"' })).toThrow(/malformed/)
  })

  it('does not treat inherited object keys as configured scopes', () => {
    expect(() => run({ scope: 'constructor' })).toThrow(/unknown scope/)
  })
})
