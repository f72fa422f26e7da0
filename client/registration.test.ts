import { expect, it } from 'vitest'
import { clientCredentials, deployment, issuerConfig } from './registration.js'
import { parseClientTarget } from './target/client-target.js'

const target = (overrides: Record<string, unknown> = {}, client: Record<string, unknown> = {}) =>
  parseClientTarget(
    {
      name: 'My App!',
      client: { redirect_uris: ['http://127.0.0.1:{port}/callback', 'http://127.0.0.1:{port}/cb2'], ...client },
      signIn: { start: 'http://127.0.0.1:{port}/login' },
      outcome: { success: { status: 200 } },
      ...overrides,
    },
    {},
  )

it('generates a client id from the app name and a secret when the target gives none', () => {
  const credentials = clientCredentials(target(), 'ab12')
  expect(credentials.clientId).toBe('codeflow-my-app-ab12')
  expect(credentials.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/)
})

it('gives a public client no secret, and keeps the id and secret the target names', () => {
  expect(clientCredentials(target({}, { token_endpoint_auth_method: 'none' }), 'x').clientSecret).toBeUndefined()
  expect(clientCredentials(target({}, { client_id: 'app', client_secret: 's3cret-s3cret' }), 'x')).toEqual({
    clientId: 'app',
    clientSecret: 's3cret-s3cret',
  })
})

it('fills the redirect URIs for the deployment port and offers the first as {redirect_uri}', () => {
  const app = target({}, { client_id: 'app', client_secret: 's3cret-s3cret' })
  const { values, registration } = deployment(app, clientCredentials(app, 'x'), 4100)
  expect(registration.redirect_uris).toEqual(['http://127.0.0.1:4100/callback', 'http://127.0.0.1:4100/cb2'])
  expect(values).toMatchObject({ client_id: 'app', port: '4100', redirect_uri: 'http://127.0.0.1:4100/callback' })
})

it('allows CORS from the redirect URIs’ origin for a browser-driven app only, and keeps a named mock user’s claims', () => {
  const spa = target(
    { signIn: { driver: 'browser', start: 'http://127.0.0.1:{port}/' } },
    { token_endpoint_auth_method: 'none' },
  )
  const { registration } = deployment(spa, clientCredentials(spa, 'x'), 5000)
  expect(issuerConfig(spa, registration).cors).toEqual({ origins: ['http://127.0.0.1:5000'] })
  const web = target({ user: { username: 'alice', password: 'changed-password' } })
  const config = issuerConfig(web, deployment(web, clientCredentials(web, 'x'), 5000).registration)
  expect(config.cors).toBeUndefined()
  expect(config.users?.[0]).toMatchObject({ username: 'alice', password: 'changed-password', sub: expect.any(String) })
})
