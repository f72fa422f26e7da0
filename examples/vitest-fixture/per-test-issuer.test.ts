/**
 * Example: the vitest fixture. Every test gets its own mock IdP (its own port, hence its own
 * issuer), so these tests run concurrently and none sees another's sessions or overrides.
 */
import { mockIdpTest } from 'codeflow/vitest'
import { describe, expect } from 'vitest'

const test = mockIdpTest({
  clients: [
    { client_id: 'my-app', client_secret: 'my-app-secret-0123456789', redirect_uris: ['http://localhost:5173/cb'] },
  ],
})

async function discovery(issuer: string) {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`)
  return (await response.json()) as { issuer: string; token_endpoint: string }
}

describe.concurrent('each test has its own issuer', () => {
  test('publishes discovery for its own issuer', async ({ idp }) => {
    expect((await discovery(idp.issuer)).issuer).toBe(idp.issuer)
  })

  test('keeps its overrides to itself', async ({ idp }) => {
    idp.use({ endpoint: 'discovery', respond: { status: 503 }, persistent: true })
    expect((await fetch(`${idp.issuer}/.well-known/openid-configuration`)).status).toBe(503)
  })

  test('is not affected by the other test’s override', async ({ idp }) => {
    expect((await fetch(`${idp.issuer}/.well-known/openid-configuration`)).status).toBe(200)
    expect(idp.targetFile().clients.map((client) => client.client_id)).toEqual(['my-app'])
  })
})
