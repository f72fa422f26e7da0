/**
 * The example app (app.ts) as a command, configured by environment variables — the way
 * `codeflow client` starts a partner's app (docs/client-examples.md):
 *
 *   OIDC_ISSUER                 the issuer (discovery is read from it on the first sign-in)
 *   OIDC_CLIENT_ID              the registered client_id
 *   OIDC_CLIENT_SECRET          its secret (omit for a public client)
 *   OIDC_TOKEN_ENDPOINT_AUTH_METHOD  client_secret_basic (default) | client_secret_post | none
 *   OIDC_REDIRECT_URI           the registered redirect URI (default http://127.0.0.1:$PORT/callback)
 *   OIDC_SCOPE                  default "openid profile email"
 *   PORT                        where it listens on 127.0.0.1 (default 3000)
 *
 * Run: node --import tsx examples/client-app/server.ts
 * Each refused sign-in is logged to stderr as "sign-in refused: <reason>"; SIGTERM/SIGINT stop it.
 */
import { startClientApp } from './app.js'

const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none'] as const
type AuthMethod = (typeof AUTH_METHODS)[number]

function required(name: string): string {
  const value = process.env[name]
  if (value === undefined || value === '') {
    process.stderr.write(`client-app: set ${name} (see the header of examples/client-app/server.ts)\n`)
    process.exit(2)
  }
  return value
}

const authMethod = process.env.OIDC_TOKEN_ENDPOINT_AUTH_METHOD || 'client_secret_basic'
if (!(AUTH_METHODS as readonly string[]).includes(authMethod)) {
  process.stderr.write(`client-app: OIDC_TOKEN_ENDPOINT_AUTH_METHOD must be one of ${AUTH_METHODS.join(', ')}\n`)
  process.exit(2)
}
const port = Number(process.env.PORT || 3000)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`client-app: PORT must be a port number, not ${JSON.stringify(process.env.PORT)}\n`)
  process.exit(2)
}

const app = await startClientApp({
  issuer: required('OIDC_ISSUER'),
  clientId: required('OIDC_CLIENT_ID'),
  clientSecret: process.env.OIDC_CLIENT_SECRET || undefined,
  tokenEndpointAuthMethod: authMethod as AuthMethod,
  redirectUri: process.env.OIDC_REDIRECT_URI || undefined,
  scope: process.env.OIDC_SCOPE || undefined,
  port,
  onRefusal: (reason) => process.stderr.write(`sign-in refused: ${reason}\n`),
})
process.stdout.write(`client-app listening on ${app.url} (redirect URI ${app.redirectUri})\n`)

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  })
}
