/**
 * The "slow-assets" page variant's stylesheet, script and image (ui/slow-assets.ts), each answered
 * after pages.assetDelayMs. Static files: not recorded, no overrides, never cached. The assets
 * are imported on the first request for one.
 */
import type { Hono } from 'hono'
import { InvalidRequest } from '../errors.js'
import type { Provider } from '../provider.js'
import { errorResponseWithStatus } from './respond.js'

export function servePageAssets(app: Hono, provider: Provider): void {
  app.get('/assets/:name', async (c) => {
    const { PAGE_ASSETS } = await import('../ui/slow-assets.js')
    const name = c.req.param('name')
    const asset = Object.hasOwn(PAGE_ASSETS, name) ? PAGE_ASSETS[name] : undefined
    if (!asset) return errorResponseWithStatus(new InvalidRequest(`no asset "${name}"`), 404)
    await new Promise((resolve) => setTimeout(resolve, provider.config.pages.assetDelayMs))
    return new Response(asset.body, {
      headers: { 'Content-Type': asset.contentType, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
    })
  })
}
