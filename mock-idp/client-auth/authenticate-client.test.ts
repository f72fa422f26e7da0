import { beforeAll, describe, expect, it } from 'vitest'
import type { Provider } from '../provider.js'
import { createRequestContext } from '../request-context.js'
import { basic, oauthError, params, parsedRequest, testProvider } from '../test-support/back-channel.js'
import { authenticateClient } from './authenticate-client.js'

const TRICKY_SECRET = 'p:a+s%s w/rd=é'
let provider: Provider

beforeAll(async () => {
  ;({ provider } = await testProvider({
    clients: [
      {
        client_id: 'basic-client',
        client_secret: TRICKY_SECRET,
        token_endpoint_auth_method: 'client_secret_basic',
        redirect_uris: ['https://rp.example/cb'],
      },
      {
        client_id: 'post-client',
        client_secret: 'post-secret',
        token_endpoint_auth_method: 'client_secret_post',
        redirect_uris: ['https://rp.example/cb'],
      },
      { client_id: 'public-client', token_endpoint_auth_method: 'none', redirect_uris: ['https://rp.example/cb'] },
    ],
  }))
})

const authenticate = (options: { headers?: Record<string, string>; body?: Record<string, string>; query?: string }) =>
  authenticateClient(
    createRequestContext(provider, parsedRequest({ headers: options.headers, query: options.query }), {
      endpoint: 'token',
    }),
    params(options.body ?? {}),
  )

describe('client authentication', () => {
  it('authenticates client_secret_basic with form-urlencoded credentials', () => {
    const { client, method } = authenticate({ headers: { Authorization: basic('basic-client', TRICKY_SECRET) } })
    expect(client.client_id).toBe('basic-client')
    expect(method).toBe('client_secret_basic')
  })

  it('refuses the un-encoded form of a secret that changes under form-urlencoding', async () => {
    const raw = `Basic ${Buffer.from(`basic-client:${TRICKY_SECRET}`).toString('base64')}`
    const error = await oauthError(() => authenticate({ headers: { Authorization: raw } }))
    expect(error.error).toBe('invalid_client')
  })

  it('answers a wrong Basic secret with 401 invalid_client and a Basic challenge', async () => {
    const error = await oauthError(() => authenticate({ headers: { Authorization: basic('basic-client', 'nope') } }))
    expect(error.error).toBe('invalid_client')
    expect(error.status).toBe(401)
    expect(error.headers['WWW-Authenticate']).toMatch(/^Basic realm=/)
  })

  it('authenticates client_secret_post', () => {
    const { client } = authenticate({ body: { client_id: 'post-client', client_secret: 'post-secret' } })
    expect(client.client_id).toBe('post-client')
  })

  it('answers a wrong post secret with invalid_client and no Basic challenge', async () => {
    const error = await oauthError(() => authenticate({ body: { client_id: 'post-client', client_secret: 'nope' } }))
    expect(error.error).toBe('invalid_client')
    expect(error.headers['WWW-Authenticate']).toBeUndefined()
  })

  it('refuses client_secret without client_id', async () => {
    expect((await oauthError(() => authenticate({ body: { client_secret: 'post-secret' } }))).error).toBe(
      'invalid_client',
    )
  })

  it('identifies a public client by client_id alone', () => {
    expect(authenticate({ body: { client_id: 'public-client' } }).method).toBe('none')
  })

  it('refuses a method other than the registered one and names the registered method', async () => {
    const error = await oauthError(() =>
      authenticate({ body: { client_id: 'basic-client', client_secret: TRICKY_SECRET } }),
    )
    expect(error.error).toBe('invalid_client')
    expect(error.description).toContain('"client_secret_basic"')
  })

  it('refuses a confidential client that sends only its client_id', async () => {
    const error = await oauthError(() => authenticate({ body: { client_id: 'post-client' } }))
    expect(error.error).toBe('invalid_client')
    expect(error.description).toContain('"client_secret_post"')
  })

  it('refuses a public client that sends a secret', async () => {
    const error = await oauthError(() => authenticate({ headers: { Authorization: basic('public-client', 'x') } }))
    expect(error.error).toBe('invalid_client')
    expect(error.description).toContain('public client')
  })

  it('refuses two authentication methods in one request with invalid_request', async () => {
    const error = await oauthError(() =>
      authenticate({
        headers: { Authorization: basic('basic-client', TRICKY_SECRET) },
        body: { client_secret: TRICKY_SECRET },
      }),
    )
    expect(error.error).toBe('invalid_request')
    expect(error.status).toBe(400)
  })

  it('refuses a body client_id that names another client than the Basic header', async () => {
    const error = await oauthError(() =>
      authenticate({
        headers: { Authorization: basic('basic-client', TRICKY_SECRET) },
        body: { client_id: 'post-client' },
      }),
    )
    expect(error.error).toBe('invalid_client')
    expect(error.headers['WWW-Authenticate']).toMatch(/^Basic /)
  })

  it('refuses an unknown client', async () => {
    const error = await oauthError(() => authenticate({ headers: { Authorization: basic('who', 'x') } }))
    expect(error.error).toBe('invalid_client')
    expect(error.description).toContain('unknown client "who"')
  })

  it('refuses a request without any client authentication', async () => {
    const error = await oauthError(() => authenticate({}))
    expect(error.error).toBe('invalid_client')
    expect(error.status).toBe(401)
  })

  it('refuses a client_secret in the request URI', async () => {
    const error = await oauthError(() =>
      authenticate({ query: 'client_id=post-client&client_secret=post-secret', body: { client_id: 'post-client' } }),
    )
    expect(error.error).toBe('invalid_request')
  })

  it('answers a repeated client_secret with invalid_request', async () => {
    const request = parsedRequest()
    const repeated = new URLSearchParams('client_id=post-client&client_secret=a&client_secret=b')
    const { Params } = await import('../http/params.js')
    const context = createRequestContext(provider, request, { endpoint: 'token' })
    const error = await oauthError(() => authenticateClient(context, new Params(repeated, 100)))
    expect(error.error).toBe('invalid_request')
  })
})
