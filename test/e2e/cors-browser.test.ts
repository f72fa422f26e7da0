/**
 * CORS in a real browser: a single-page app on one origin calls the mock IdP's discovery and
 * token endpoints on another. Chromium enforces CORS, so this fails unless the mock's answers
 * (and its preflight) carry what the Fetch standard requires.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../mock-idp/index.js'
import { CHROMIUM_ARGS, requireChromium } from '../support/find-chromium.js'

let browser: Browser
let spa: Server
let spaOrigin: string
let allowed: MockIdp
let closed: MockIdp

beforeAll(async () => {
  spa = createServer((_request, response) => response.end('<!doctype html><title>spa</title>'))
  await new Promise<void>((resolve) => spa.listen(0, '127.0.0.1', resolve))
  spaOrigin = `http://127.0.0.1:${(spa.address() as AddressInfo).port}`
  allowed = await createMockIdp({ log: { level: 'silent' }, cors: { origins: [spaOrigin] } })
  closed = await createMockIdp({ log: { level: 'silent' } })
  browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS })
})

afterAll(async () => {
  await browser?.close()
  await allowed?.close()
  await closed?.close()
  await new Promise((resolve) => spa?.close(resolve))
})

/** Runs fetch calls from the SPA's page; returns what the script could see, or the network error. */
async function fromSpa(issuer: string) {
  const page = await browser.newPage()
  try {
    await page.goto(spaOrigin)
    return await page.evaluate(async (base) => {
      try {
        const discovery = await (await fetch(`${base}/.well-known/openid-configuration`)).json()
        // A form POST with a non-simple header needs a preflight, as a PKCE SPA's token call does.
        const token = await fetch(discovery.token_endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Basic eDp5' },
          body: 'grant_type=authorization_code&code=nope&redirect_uri=x',
        })
        return { issuer: discovery.issuer, tokenStatus: token.status, tokenError: (await token.json()).error }
      } catch (error) {
        return { failed: String(error) }
      }
    }, issuer)
  } finally {
    await page.close()
  }
}

it('lets an allowed single-page app call discovery and the token endpoint', async () => {
  expect(await fromSpa(allowed.issuer)).toEqual({
    issuer: allowed.issuer,
    tokenStatus: 401,
    tokenError: 'invalid_client',
  })
})

it('is blocked by the browser when the origin is not allowed (the default)', async () => {
  expect(await fromSpa(closed.issuer)).toEqual({ failed: expect.stringMatching(/Failed to fetch/) })
})
