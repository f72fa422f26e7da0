import { describe, expect, it } from 'vitest'
import { stepInput } from '../../test/support/authorize-input.js'
import { runPipeline } from './pipeline.js'

const valid = {
  response_type: 'code',
  client_id: 's6BhdRkqt3',
  redirect_uri: 'https://client.example.org/cb',
  scope: 'openid profile',
  state: 'af0ifjsldkj',
}

describe('authorization pipeline', () => {
  it('turns a valid request into a typed AuthorizationRequest', () => {
    const result = runPipeline(stepInput({ ...valid, nonce: 'n', max_age: '60', login_hint: 'alice' }))
    expect(result).toMatchObject({
      ok: true,
      request: {
        clientId: 's6BhdRkqt3',
        redirectUri: 'https://client.example.org/cb',
        responseType: 'code',
        responseMode: 'query',
        scope: ['openid', 'profile'],
        state: 'af0ifjsldkj',
        nonce: 'n',
        prompt: [],
        maxAge: 60,
        loginHint: 'alice',
      },
    })
  })

  it('reports an unknown client without a redirect target (error page)', () => {
    const result = runPipeline(stepInput({ ...valid, client_id: 'nobody' }))
    expect(result.ok).toBe(false)
    expect(result).not.toHaveProperty('target')
  })

  it('reports a mismatched redirect_uri without a redirect target even when other parameters are bad too', () => {
    const result = runPipeline(stepInput({ ...valid, redirect_uri: 'https://evil.example/cb', response_type: 'token' }))
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.target).toBeUndefined()
      expect(result.error.error).toBe('invalid_request')
    }
  })

  it('redirects later errors with the state and response mode of the request', () => {
    const result = runPipeline(stepInput({ ...valid, response_mode: 'fragment', response_type: 'token' }))
    expect(result).toMatchObject({
      ok: false,
      error: { error: 'unsupported_response_type' },
      target: { redirectUri: 'https://client.example.org/cb', responseMode: 'fragment', state: 'af0ifjsldkj' },
    })
  })

  it('sends an invalid response_mode error in the default query mode, still with state', () => {
    const result = runPipeline(stepInput({ ...valid, response_mode: 'nope' }))
    expect(result).toMatchObject({ ok: false, target: { responseMode: 'query', state: 'af0ifjsldkj' } })
  })

  it('redirects a repeated state as invalid_request without echoing either value', () => {
    const query = new URLSearchParams(valid)
    query.append('state', 'second')
    const result = runPipeline(stepInput(query.toString()))
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.error).toBe('invalid_request')
      expect(result.target).toBeDefined()
      expect(result.target).not.toHaveProperty('state')
    }
  })

  it('rejects a repeated unknown parameter with a redirect', () => {
    const result = runPipeline(stepInput(`${new URLSearchParams(valid)}&foo=1&foo=2`))
    expect(result).toMatchObject({ ok: false, error: { error: 'invalid_request' }, target: { state: 'af0ifjsldkj' } })
  })
})
