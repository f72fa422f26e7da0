import { describe, expect, it } from 'vitest'
import { stepInput, withClient } from '../../../test/support/authorize-input.js'
import type { MockIdpConfigInput } from '../../config/schema.js'
import { InvalidRequest } from '../../errors.js'
import { checkPkce } from './check-pkce.js'

// RFC 7636 Appendix B.
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'

function run(query: Record<string, string>, clientId = 's6BhdRkqt3', config: MockIdpConfigInput = {}) {
  const input = stepInput(query, config)
  return checkPkce(input, withClient(input, clientId))
}

describe('check-pkce', () => {
  it('accepts an S256 challenge and records it', () => {
    const draft = run({ code_challenge: CHALLENGE, code_challenge_method: 'S256' })
    expect(draft.codeChallenge).toBe(CHALLENGE)
    expect(draft.codeChallengeMethod).toBe('S256')
  })

  it('lets a confidential client omit PKCE by default', () => {
    expect(run({})).not.toHaveProperty('codeChallenge')
  })

  it('requires a code_challenge from a public client', () => {
    expect(() => run({}, 'codeflow-public')).toThrow(
      /"code_challenge" is required: client "codeflow-public" is a public client/,
    )
  })

  it('requires a code_challenge from every client when pkce.requireFor is "all"', () => {
    expect(() => run({}, 's6BhdRkqt3', { pkce: { requireFor: 'all' } })).toThrow(InvalidRequest)
  })

  it('requires a code_challenge from a client registered with require_pkce', () => {
    const config = {
      clients: [{ client_id: 'strict', client_secret: 's', redirect_uris: ['https://rp/cb'], require_pkce: true }],
    }
    expect(() => run({}, 'strict', config)).toThrow(/require_pkce/)
  })

  it('rejects plain when it is not allowed, naming it', () => {
    expect(() => run({ code_challenge: CHALLENGE, code_challenge_method: 'plain' })).toThrow(/"plain" is not allowed/)
  })

  it('treats a missing code_challenge_method as plain and rejects it unless plain is allowed', () => {
    expect(() => run({ code_challenge: CHALLENGE })).toThrow(/missing, which means "plain"/)
    const draft = run({ code_challenge: CHALLENGE }, 's6BhdRkqt3', { pkce: { allowPlain: true } })
    expect(draft.codeChallengeMethod).toBe('plain')
  })

  it('rejects code_challenge_method without code_challenge', () => {
    expect(() => run({ code_challenge_method: 'S256' })).toThrow(/without "code_challenge"/)
  })

  it('rejects an unknown code_challenge_method', () => {
    expect(() => run({ code_challenge: CHALLENGE, code_challenge_method: 'S512' })).toThrow(/"S512" is not supported/)
  })

  it('rejects a code_challenge shorter than 43 characters', () => {
    expect(() => run({ code_challenge: 'a'.repeat(42), code_challenge_method: 'S256' })).toThrow(/got 42 characters/)
  })

  it('rejects a code_challenge longer than 128 characters', () => {
    expect(() => run({ code_challenge: 'a'.repeat(129), code_challenge_method: 'S256' })).toThrow(InvalidRequest)
  })

  it('rejects a code_challenge with characters outside the unreserved set', () => {
    expect(() => run({ code_challenge: `${'a'.repeat(42)}+`, code_challenge_method: 'S256' })).toThrow(
      /outside that set/,
    )
  })
})
