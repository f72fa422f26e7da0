/**
 * Example: the mock IdP at a fixed issuer, https://idp.example.test, answered through Playwright's
 * `page.route` (`serveIdpThroughRoute`): the browser's requests to that origin never reach the
 * network, they are answered by the mock's app inside the test process. msw could not do this:
 * it does not see a browser's top-level navigations, and signing in is made of nothing else.
 *
 * The client app is served by `page.route` too (https://app.example.test), and its redirect_uri
 * is a route the test fulfills itself, capturing code, state and iss.
 */

import type { Page } from '@playwright/test'
import { expect, mockIdpTest, serveIdpThroughRoute } from 'codeflow/playwright'
import { callbackPage, homePage, MY_APP, redeemCode } from './client-app.js'

const ISSUER = 'https://idp.example.test'
const APP = 'https://app.example.test'
const REDIRECT_URI = `${APP}/callback`

// The mock still listens on 127.0.0.1 (idp.url) for the back channel; the browser uses ISSUER.
const test = mockIdpTest({ issuer: ISSUER, clients: [{ ...MY_APP, redirect_uris: [REDIRECT_URI] }] })
// The same app registered as first-party: no consent page.
const firstPartyTest = mockIdpTest({
  issuer: ISSUER,
  clients: [{ ...MY_APP, redirect_uris: [REDIRECT_URI], skip_consent: true }],
})

/** Serves the app's home page and records every callback the browser brings back. */
async function serveApp(page: Page): Promise<URL[]> {
  const callbacks: URL[] = []
  await page.route(`${APP}/**`, (route) => {
    const url = new URL(route.request().url())
    if (url.pathname === '/callback') callbacks.push(url)
    const body = url.pathname === '/callback' ? callbackPage(url) : homePage(ISSUER, REDIRECT_URI)
    return route.fulfill({ contentType: 'text/html; charset=utf-8', body })
  })
  return callbacks
}

test('signs in through the real pages at a fixed https issuer', async ({ page, idp, signIn }) => {
  await serveIdpThroughRoute(page, idp) // https://idp.example.test/** → the mock
  const callbacks = await serveApp(page)
  await page.goto(APP)
  const signInLink = page.getByRole('link', { name: 'Sign in' })
  const sentState = new URL((await signInLink.getAttribute('href')) ?? '').searchParams.get('state')
  await signInLink.click()

  await signIn.throughPages(page, { username: 'alice', password: 'wonderland' })

  expect(callbacks).toHaveLength(1)
  const callback = callbacks[0]!
  expect(callback.searchParams.get('state')).toBe(sentState)
  expect(callback.searchParams.get('iss')).toBe(ISSUER)
  await expect(page.getByTestId('code')).not.toBeEmpty()
  // An https issuer gets Secure cookies; Chromium keeps them for a routed https origin.
  const cookies = await page.context().cookies(ISSUER)
  expect(cookies.length).toBeGreaterThan(0)
  expect(cookies.every((cookie) => cookie.secure)).toBe(true)
  // Every page the browser asked for went to ISSUER, through the route: none to the mock's port.
  expect(idp.requests().every((exchange) => exchange.url.startsWith(`${ISSUER}/`))).toBe(true)
  // The back channel (your app's server) reaches the mock on its port; the issuer stays ISSUER.
  const claims = await redeemCode(idp.url, callback.searchParams.get('code') ?? '', REDIRECT_URI)
  expect(claims).toMatchObject({ iss: ISSUER, sub: '248289761001' })
})

firstPartyTest('skips every page: skipPages and a skip_consent client', async ({ page, idp, signIn }) => {
  await serveIdpThroughRoute(page, idp)
  const callbacks = await serveApp(page)
  signIn.skipPages('bob')
  await page.goto(APP)
  await page.getByRole('link', { name: 'Sign in' }).click()

  // No page to answer: the browser goes straight back to the redirect_uri.
  await page.waitForURL(`${REDIRECT_URI}?**`)
  expect(idp.requests().map((exchange) => exchange.endpoint)).toEqual(['authorization'])
  const code = callbacks[0]?.searchParams.get('code') ?? ''
  expect(await redeemCode(idp.url, code, REDIRECT_URI)).toMatchObject({ iss: ISSUER, sub: '248289761002' })
})
