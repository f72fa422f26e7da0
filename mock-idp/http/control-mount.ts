/**
 * The HTTP control API (control/control-api.ts) under `control.prefix`, when `control.enabled`:
 * imported on its first request, like the rarely used endpoints (lazy.ts), so a mock whose
 * control API is off or unused never loads it.
 */
import type { Hono } from 'hono'
import type { IssuerDirectory } from '../control/issuer-directory.js'
import type { Provider } from '../provider.js'

export function mountControlApi(app: Hono, provider: Provider, issuers: IssuerDirectory | undefined): void {
  const prefix = provider.config.control.prefix
  let api: Promise<(request: Request) => Promise<Response>> | undefined
  const serve = async (request: Request) => {
    api ??= import('../control/control-api.js').then(({ controlApi }) => controlApi(provider, issuers))
    return (await api)(request)
  }
  app.all(prefix, (c) => serve(c.req.raw))
  app.all(`${prefix}/*`, (c) => serve(c.req.raw))
}
