/**
 * Example: Playwright Test with `codeflow/playwright`. Each test gets its own mock IdP on a free
 * port (`idp`), and `signIn` plays the user on its real login and consent pages, or skips them.
 * The client app runs on a real port too (client-app.ts), like the app you test would.
 */
import { expect, mockIdpTest } from 'codeflow/playwright'
import { type ClientApp, MY_APP, redeemCode, startClientApp } from './client-app.js'

let app: ClientApp

// The config is a function: it runs for each test, once beforeAll has given the app its port.
const test = mockIdpTest(() => ({ clients: [{ ...MY_APP, redirect_uris: [app.redirectUri] }] }))

test.beforeAll(async () => {
  app = await startClientApp()
})

test.afterAll(async () => {
  await app?.close()
})

test('signs in through the login and consent pages', async ({ page, idp, signIn }) => {
  await page.goto(app.home(idp.issuer))
  const signInLink = page.getByRole('link', { name: 'Sign in' })
  const sentState = new URL((await signInLink.getAttribute('href')) ?? '').searchParams.get('state')
  await signInLink.click()

  // Fills the login page, approves consent, and waits until the browser is back in the app.
  const callback = await signIn.throughPages(page, { username: 'alice', password: 'wonderland' })

  expect(`${callback.origin}${callback.pathname}`).toBe(app.redirectUri)
  expect(callback.searchParams.get('state')).toBe(sentState) // echoed byte for byte
  expect(callback.searchParams.get('iss')).toBe(idp.issuer) // RFC 9207
  await expect(page.getByTestId('code')).not.toBeEmpty()
  const claims = await redeemCode(idp.issuer, callback.searchParams.get('code') ?? '', app.redirectUri)
  expect(claims.sub).toBe('248289761001') // alice
})

test('skips the login page with signIn.skipPages', async ({ page, idp, signIn }) => {
  // The next authorization signs bob in without a login page. my-app still asks for consent
  // (a client with skip_consent: true would come straight back), so throughPages answers it.
  signIn.skipPages('bob')
  await page.goto(app.home(idp.issuer))
  await page.getByRole('link', { name: 'Sign in' }).click()
  const callback = await signIn.throughPages(page)

  expect(idp.requests({ endpoint: 'login' })).toEqual([]) // the login page was never requested
  const claims = await redeemCode(idp.issuer, callback.searchParams.get('code') ?? '', app.redirectUri)
  expect(claims.sub).toBe('248289761002') // bob
})

test('shows the error a denied consent sends back', async ({ page, idp, signIn }) => {
  await page.goto(app.home(idp.issuer))
  await page.getByRole('link', { name: 'Sign in' }).click()
  const callback = await signIn.throughPages(page, { username: 'bob', consent: 'deny' })

  expect(callback.searchParams.get('error')).toBe('access_denied')
  await expect(page.getByTestId('error')).toHaveText('access_denied')
})
