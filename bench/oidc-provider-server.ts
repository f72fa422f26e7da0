/**
 * Child process: oidc-provider (v9) set up as a strict, conformant OP for the same flow the
 * Codeflow mock serves — one confidential client (client_secret_basic) with the same
 * redirect URI, PKCE S256 required, UserInfo on, a fixed account, and its own interaction
 * routes: the login and consent pages of test/support/oidc-provider-interactions.ts, which the
 * conformance suite's interop fixture uses too. Signs with Codeflow's committed RS256 development
 * key so both servers do the same signing work.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { performance } from 'node:perf_hooks'
import { interactionRoutes, listen, renderError } from '../test/support/oidc-provider-interactions.js'
import { runChild } from './child.js'
import { oidcProviderProfile } from './profiles.js'

const entryStartedAt = performance.now()

const { client, user } = oidcProviderProfile
const account = {
  sub: '248289761001',
  claims: {
    name: 'Alice Liddell',
    given_name: 'Alice',
    family_name: 'Liddell',
    preferred_username: 'alice',
    locale: 'en-GB',
    email: 'alice@example.com',
    email_verified: true,
  },
}

await runChild(
  {
    variant: 'oidc-provider (Koa, node:http)',
    async load() {
      const module = await import('oidc-provider')
      return module
    },
    async start({ default: Provider, errors }) {
      const server = createServer()
      server.keepAliveTimeout = 5_000
      const url = await listen(server)
      const provider = new Provider(url, configuration())
      provider.on('server_error', (_ctx, error) => console.error('oidc-provider server_error', error))
      provider.use(
        interactionRoutes(provider, errors.SessionNotFound, (login, password) =>
          login === user.username && password === user.password ? account.sub : undefined,
        ),
      )
      server.on('request', provider.callback())
      return {
        url,
        issuer: provider.issuer,
        close: () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve())
            server.closeAllConnections()
          }),
      }
    },
  },
  entryStartedAt,
)

function configuration(): Record<string, unknown> {
  const jwks = JSON.parse(readFileSync(new URL('../fixtures/keys/development.jwks.json', import.meta.url), 'utf8')) as {
    keys: Array<{ alg?: string }>
  }
  return {
    clients: [
      {
        client_id: client.id,
        client_secret: client.secret,
        redirect_uris: [client.redirectUri],
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    // PKCE for every client; v9 supports S256 only (no `plain`).
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username', 'locale'],
      email: ['email', 'email_verified'],
    },
    async findAccount(_ctx: unknown, id: string) {
      if (id !== account.sub) return undefined
      return { accountId: id, claims: () => ({ sub: id, ...account.claims }) }
    },
    cookies: {
      keys: ['codeflow-bench-cookie-key-0123456789abcdef'],
      // Plain http on loopback: never mark cookies Secure (oidc-provider only does when the request is https).
      long: { httpOnly: true, sameSite: 'lax', secure: false },
      short: { httpOnly: true, sameSite: 'lax', secure: false },
    },
    jwks: { keys: jwks.keys.filter((key) => key.alg === 'RS256') },
    // Explicit lifetimes (same as Codeflow's defaults) also silence the "default ttl" notices.
    ttl: {
      AccessToken: 599,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Session: 28_800,
      Grant: 28_800,
    },
    renderError,
  }
}
