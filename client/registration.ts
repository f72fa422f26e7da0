/**
 * What the mock is told about the partner's client, and what the app is told about the mock: the
 * registration (client id, secret, redirect URIs filled in for one port) and the issuer's config
 * (the client, the signing algorithm, the user, CORS for a single-page app, any deviation).
 */
import { randomBytes } from 'node:crypto'
import { defaultUsers } from '../mock-idp/config/defaults.js'
import type { IssuerConfig } from './idp/idp-connection.js'
import type { ClientTarget } from './target/client-target.js'
import { fillPlaceholders, type PlaceholderValues } from './target/placeholders.js'

export interface ClientCredentials {
  clientId: string
  /** Undefined for a public client (`none`). */
  clientSecret: string | undefined
}

/** The target's client id and secret, or generated ones (the app gets them through placeholders). */
export function clientCredentials(target: ClientTarget, runId: string): ClientCredentials {
  return {
    clientId: target.client.client_id ?? `codeflow-${slug(target.name)}-${runId}`,
    clientSecret:
      target.client.token_endpoint_auth_method === 'none'
        ? undefined
        : (target.client.client_secret ?? randomBytes(32).toString('base64url')),
  }
}

export interface ClientRegistration {
  client_id: string
  client_secret?: string
  token_endpoint_auth_method: ClientTarget['client']['token_endpoint_auth_method']
  redirect_uris: string[]
  scope?: string
}

export interface Deployment {
  /** The placeholders the app's command, env and sign-in URL are filled with (all but `issuer`). */
  values: PlaceholderValues
  /** The client as the mock registers it. */
  registration: ClientRegistration
}

/** What the app is told for one deployment: the main issuer's, or a fresh issuer's with its own port. */
export function deployment(target: ClientTarget, credentials: ClientCredentials, port: number | undefined): Deployment {
  const { clientId, clientSecret } = credentials
  const values: PlaceholderValues = {
    client_id: clientId,
    ...(clientSecret === undefined ? {} : { client_secret: clientSecret }),
    ...(port === undefined ? {} : { port: String(port) }),
  }
  const redirectUris = target.client.redirect_uris.map((uri, index) =>
    fillPlaceholders(uri, values, `client.redirect_uris[${index}]`),
  )
  values.redirect_uri = redirectUris[0]!
  return {
    values,
    registration: {
      client_id: clientId,
      ...(clientSecret === undefined ? {} : { client_secret: clientSecret }),
      token_endpoint_auth_method: target.client.token_endpoint_auth_method,
      redirect_uris: redirectUris,
      scope: target.client.scope,
    },
  }
}

/** The config of an issuer that serves `client`, with a deviation's behaviours and config when given. */
export function issuerConfig(
  target: ClientTarget,
  client: Deployment['registration'],
  extra: { behaviours?: string[]; config?: Record<string, unknown> } = {},
): IssuerConfig {
  const keys = {
    ...(target.client.id_token_signed_response_alg ? { algorithms: [target.client.id_token_signed_response_alg] } : {}),
    ...((extra.config?.keys as Record<string, unknown> | undefined) ?? {}),
  }
  // A single-page app calls discovery, the JWK Set, token and UserInfo from the browser: the
  // mock must allow its origin (the origin of its redirect URIs), or the browser blocks them.
  const browserOrigins =
    target.signIn.driver === 'browser' ? [...new Set(client.redirect_uris.map((uri) => new URL(uri).origin))] : []
  return {
    clients: [{ ...client }],
    ...(browserOrigins.length > 0 ? { cors: { origins: browserOrigins } } : {}),
    ...(target.user ? { users: [mockUser(target.user)] } : {}),
    ...(Object.keys(keys).length > 0 ? { keys } : {}),
    ...(extra.behaviours ? { behaviours: extra.behaviours } : {}),
  }
}

/**
 * The mock user that `user` names: one of the mock's own users (alice …) keeps its `sub` and claims,
 * so an app that shows the user's name sees it; any other name is a new user with just a password.
 */
function mockUser(user: { username: string; password: string }): Record<string, unknown> {
  const known = defaultUsers.find((candidate) => candidate.username === user.username)
  return known ? { ...known, password: user.password } : user
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 32) || 'app'
  )
}
