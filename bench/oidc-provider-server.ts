/**
 * Child process: oidc-provider (v9) set up as a strict, conformant OP for the same flow the
 * Codeflow mock serves — one confidential client (client_secret_basic) with the same
 * redirect URI, PKCE S256 required, UserInfo on, a fixed account, and its own interaction
 * routes: a login page and a consent page as plain HTML forms (devInteractions off), after the
 * shape of oidc-provider's `example/routes`. Signs with Codeflow's committed RS256 development
 * key so both servers do the same signing work.
 */
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import type { InteractionDetails, KoaContext, Provider as ProviderType } from 'oidc-provider'
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
const maxBodyBytes = 16_384

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
      provider.use(interactionRoutes(provider, errors.SessionNotFound))
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
    async renderError(ctx: KoaContext, out: Record<string, string>) {
      ctx.type = 'html'
      ctx.body = page(
        'Error',
        `<p data-testid="error">${escapeHtml(out.error)}: ${escapeHtml(out.error_description)}</p>`,
      )
    },
  }
}

/** GET /interaction/:uid (login or consent page), POST /interaction/:uid/login, POST /interaction/:uid/confirm. */
function interactionRoutes(provider: ProviderType, SessionNotFound: new (...args: unknown[]) => Error) {
  return async (ctx: KoaContext, next: () => Promise<void>) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(login|confirm))?$/.exec(ctx.path)
    if (!match) return next()
    ctx.set('Cache-Control', 'no-store')
    const action = match[2]
    try {
      if (ctx.method === 'GET' && !action) return await showPrompt(provider, ctx)
      if (ctx.method === 'POST' && action === 'login') return await submitLogin(provider, ctx)
      if (ctx.method === 'POST' && action === 'confirm') return await submitConsent(provider, ctx)
      ctx.status = 405
      ctx.body = 'method not allowed'
    } catch (error) {
      if (!(error instanceof SessionNotFound)) throw error
      ctx.status = 400
      ctx.type = 'html'
      ctx.body = page('Error', '<p data-testid="error">interaction session not found or expired</p>')
    }
  }
}

async function showPrompt(provider: ProviderType, ctx: KoaContext) {
  const details = await provider.interactionDetails(ctx.req, ctx.res)
  ctx.type = 'html'
  if (details.prompt.name === 'login') ctx.body = loginPage(details)
  else if (details.prompt.name === 'consent') ctx.body = consentPage(details)
  else {
    ctx.status = 400
    ctx.body = page('Error', `<p>unsupported prompt ${escapeHtml(details.prompt.name)}</p>`)
  }
}

async function submitLogin(provider: ProviderType, ctx: KoaContext) {
  const details = await provider.interactionDetails(ctx.req, ctx.res)
  if (details.prompt.name !== 'login') throw new Error(`expected the login prompt, got ${details.prompt.name}`)
  const form = await readForm(ctx.req)
  if (form.get('login') !== user.username || form.get('password') !== user.password) {
    ctx.type = 'html'
    ctx.body = loginPage(details, 'Wrong username or password.')
    return
  }
  await provider.interactionFinished(
    ctx.req,
    ctx.res,
    { login: { accountId: account.sub } },
    { mergeWithLastSubmission: false },
  )
}

async function submitConsent(provider: ProviderType, ctx: KoaContext) {
  const details = await provider.interactionDetails(ctx.req, ctx.res)
  if (details.prompt.name !== 'consent') throw new Error(`expected the consent prompt, got ${details.prompt.name}`)
  const form = await readForm(ctx.req)
  if (form.get('decision') !== 'approve') {
    await provider.interactionFinished(
      ctx.req,
      ctx.res,
      { error: 'access_denied', error_description: 'End-User denied the request' },
      { mergeWithLastSubmission: false },
    )
    return
  }
  const accountId = details.session?.accountId
  if (!accountId) throw new Error('consent without a logged-in account')
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId: details.params.client_id })
  if (!grant) throw new Error('grant not found')
  const prompt = details.prompt.details as {
    missingOIDCScope?: string[]
    missingOIDCClaims?: string[]
    missingResourceScopes?: Record<string, string[]>
  }
  if (prompt.missingOIDCScope) grant.addOIDCScope(prompt.missingOIDCScope.join(' '))
  if (prompt.missingOIDCClaims) grant.addOIDCClaims(prompt.missingOIDCClaims)
  for (const [indicator, scopes] of Object.entries(prompt.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '))
  }
  const grantId = await grant.save()
  const consent = details.grantId ? {} : { grantId }
  await provider.interactionFinished(ctx.req, ctx.res, { consent }, { mergeWithLastSubmission: true })
}

function loginPage(details: InteractionDetails, error?: string): string {
  const uid = escapeHtml(details.uid)
  return page(
    'Sign in',
    `${error ? `<p role="alert" data-testid="login-error">${escapeHtml(error)}</p>` : ''}
<form data-testid="login-form" method="post" action="/interaction/${uid}/login" autocomplete="off">
  <label>Login <input type="text" name="login" required autofocus></label>
  <label>Password <input type="password" name="password" required></label>
  <button type="submit">Sign in</button>
</form>`,
  )
}

function consentPage(details: InteractionDetails): string {
  const uid = escapeHtml(details.uid)
  const scopes = (details.prompt.details.missingOIDCScope ?? [])
    .map((scope) => `<li>${escapeHtml(scope)}</li>`)
    .join('')
  return page(
    'Authorize',
    `<p><strong>${escapeHtml(details.params.client_id)}</strong> asks for:</p>
<ul>${scopes}</ul>
<form data-testid="consent-form" method="post" action="/interaction/${uid}/confirm">
  <button type="submit" name="decision" value="approve" autofocus>Allow</button>
  <button type="submit" name="decision" value="deny">Deny</button>
</form>`,
  )
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>`
}

function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  )
}

/** Reads an application/x-www-form-urlencoded body, at most maxBodyBytes. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = req.headers['content-type'] ?? ''
  if (!type.startsWith('application/x-www-form-urlencoded')) throw new Error('expected a form-encoded body')
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > maxBodyBytes) throw new Error('request body too large')
    chunks.push(chunk as Buffer)
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
    })
  })
}
