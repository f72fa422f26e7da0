/**
 * Serves the example single-page app (index.html, app.js and oauth4webapi's browser module) on
 * 127.0.0.1, with its settings from the environment as /config.json:
 *
 *   OIDC_ISSUER, OIDC_CLIENT_ID (a public client: no secret), OIDC_REDIRECT_URI
 *   (default http://127.0.0.1:$PORT/callback), OIDC_SCOPE (default "openid profile email"), PORT.
 *
 * Every other path (/, /login, /callback) is the app's page; /health answers "ok".
 * Run: node --import tsx examples/spa-client/serve.ts
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'

const env = process.env
if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID) {
  process.stderr.write('spa-client: set OIDC_ISSUER and OIDC_CLIENT_ID\n')
  process.exit(2)
}
const port = Number(env.PORT || 3000)
const settings = {
  issuer: env.OIDC_ISSUER,
  client_id: env.OIDC_CLIENT_ID,
  redirect_uri: env.OIDC_REDIRECT_URI || `http://127.0.0.1:${port}/callback`,
  scope: env.OIDC_SCOPE || 'openid profile email',
}
const here = (file: string) => new URL(file, import.meta.url)
// oauth4webapi is one dependency-free ES module: the browser loads it as is.
const oauth4webapi = createRequire(import.meta.url).resolve('oauth4webapi')
const files: Record<string, { type: string; body: string }> = {
  '/app.js': { type: 'text/javascript', body: readFileSync(here('app.js'), 'utf8') },
  '/oauth4webapi.js': { type: 'text/javascript', body: readFileSync(oauth4webapi, 'utf8') },
  '/config.json': { type: 'application/json', body: JSON.stringify(settings) },
  '/health': { type: 'text/plain', body: 'ok' },
}
const index = { type: 'text/html; charset=utf-8', body: readFileSync(here('index.html'), 'utf8') }

const server = createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1')
  if (req.method !== 'GET') return void res.writeHead(405).end()
  const file = files[pathname] ?? index
  res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-store' }).end(file.body)
})
server.listen(port, '127.0.0.1', () => process.stdout.write(`spa-client listening on http://127.0.0.1:${port}\n`))
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => server.close(() => process.exit(0)))
