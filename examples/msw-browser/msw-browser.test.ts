/**
 * Example: msw's `setupWorker` in a real Chromium page. The page's fetch calls to a fixed issuer
 * (https://idp.example.test) are intercepted by msw's service worker and answered by a running
 * mock IdP through `forwardingHandlers` (codeflow/msw/browser) — the same app as everywhere else.
 */
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { createMockIdp, type MockIdp } from 'codeflow'
import { build } from 'esbuild'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { CHROMIUM_ARGS, requireChromium } from '../../test/support/find-chromium.js'

const ISSUER = 'https://idp.example.test'
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

let idp: MockIdp
let site: Server
let origin: string
let browser: Browser

beforeAll(async () => {
  // The page script, bundled as a single-page app's build would (msw's browser build + the handlers).
  const bundle = await build({
    entryPoints: [here('./page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    alias: { 'codeflow/msw/browser': here('../../mock-idp/msw-forward.ts') },
    logLevel: 'silent',
  })
  const script = bundle.outputFiles[0]!.text
  const worker = readFileSync(here('../../node_modules/msw/lib/mockServiceWorker.js'), 'utf8')
  site = createServer((request, response) => {
    if (request.url === '/mockServiceWorker.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(worker)
    } else if (request.url === '/app.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script)
    } else {
      const config = JSON.stringify({ issuer: ISSUER, mock: idp.url })
      response
        .writeHead(200, { 'Content-Type': 'text/html' })
        .end(`<!doctype html><script>window.CODEFLOW = ${config}</script><script type="module" src="/app.js"></script>`)
    }
  })
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`
  // The mock advertises the fixed issuer, and lets the page's origin call it (CORS).
  idp = await createMockIdp({ issuer: ISSUER, cors: { origins: [origin] }, log: { level: 'silent' } })
  browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS })
})

afterAll(async () => {
  await browser?.close()
  await idp?.close()
  await new Promise((resolve) => site?.close(resolve))
})

it("answers a page's calls to its fixed issuer through msw's service worker", async () => {
  const page = await browser.newPage()
  await page.goto(origin)
  await page.waitForFunction(() => window.result !== undefined, undefined, { timeout: 20_000 })
  expect(await page.evaluate(() => window.result)).toEqual({
    issuer: ISSUER,
    tokenEndpoint: `${ISSUER}/auth/token`,
    keys: 1,
    tokenStatus: 400,
    tokenError: 'invalid_grant',
  })
  // The mock really answered: it recorded the page's requests.
  expect(idp.requests({ endpoint: 'discovery' })).toHaveLength(1)
  expect(idp.requests({ endpoint: 'token' })[0]?.headers.origin).toBe(origin)
  await page.close()
})
