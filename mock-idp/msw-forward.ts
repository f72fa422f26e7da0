/**
 * `codeflow/msw/browser`: msw handlers for `setupWorker` in a browser page. A page cannot run the
 * mock IdP itself (it is a Node server: keys on disk, node:crypto), so the handlers forward every
 * request for the client's fixed issuer URL to a running mock IdP — the same app, over HTTP — and
 * hand its answer back to the page unchanged. Start that mock with `issuer` set to the fixed URL
 * (so discovery and tokens name it) and `cors.origins` listing the page's origin.
 *
 *   import { setupWorker } from 'msw/browser'
 *   import { forwardingHandlers } from 'codeflow/msw/browser'
 *   await setupWorker(...forwardingHandlers({ issuer: 'https://idp.example.test', to: 'http://127.0.0.1:8080' })).start()
 *
 * Top-level navigations (the authorization endpoint, the login page) never reach a service worker
 * handler; in Playwright, serve those with `page.route` (see `codeflow/playwright`).
 */
import { bypass, http } from 'msw'

export interface ForwardingOptions {
  /** The issuer the client under test is configured with (and the mock advertises). */
  issuer: string
  /** Where the mock IdP listens, e.g. its `url`. */
  to: string
}

export function forwardingHandlers({ issuer, to }: ForwardingOptions) {
  const from = issuer.replace(/\/$/, '')
  const target = to.replace(/\/$/, '')
  return [
    http.all(`${from}/*`, async ({ request }) => {
      const url = new URL(request.url)
      const path = url.pathname.slice(new URL(from).pathname.replace(/\/$/, '').length)
      const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer()
      const forwarded = new Request(`${target}${path}${url.search}`, {
        method: request.method,
        headers: request.headers,
        ...(body === undefined ? {} : { body }),
      })
      return fetch(bypass(forwarded))
    }),
  ]
}
