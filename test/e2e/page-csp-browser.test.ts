/**
 * The pages' Content-Security-Policy in a real Chromium, which applies `form-action` to every
 * redirect that follows a form submission (mock-idp/ui/content-security-policy.ts). A sign-in must still
 * reach a client whose callback redirects on to a second origin, with and without form_post; and
 * a form slipped into the error page (the state-reflected-unescaped behaviour) must not submit.
 *
 * No browser is a setup failure, never a skip: every test fails saying how to install one.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../mock-idp/index.js'
import { CHROMIUM_ARGS, requireChromium } from '../support/find-chromium.js'

let idp: MockIdp
let browser: Browser | undefined
let setupError: Error | undefined
let callback: Server
let home: Server
/** What the "home" origin received: the landing after the callback, or a stolen form post. */
const received: Array<{ method: string; url: string; body: string }> = []

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))
}

let callbackUri: string
let homeOrigin: string

beforeAll(async () => {
  home = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => {
      body += chunk
    })
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', body })
      response.writeHead(200, { 'content-type': 'text/html' }).end('<p data-testid="home">home</p>')
    })
  })
  homeOrigin = `http://localhost:${await listen(home)}`
  // The client's callback, as many apps do it: take the code, then send the user on to the app's origin.
  callback = createServer((request, response) => {
    request.resume()
    request.on('end', () => response.writeHead(302, { location: `${homeOrigin}/home` }).end())
  })
  callbackUri = `http://127.0.0.1:${await listen(callback)}/callback`
  idp = await createMockIdp({
    log: { level: 'silent' },
    clients: [
      {
        client_id: 'hopping-app',
        client_secret: 'hopping-app-secret',
        redirect_uris: [callbackUri],
        skip_consent: false,
      },
    ],
  })
  try {
    browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS })
  } catch (error) {
    setupError = error as Error
  }
})

afterAll(async () => {
  await browser?.close()
  await idp?.close()
  callback?.close()
  home?.close()
})

async function newPage(): Promise<{ page: Page; cspErrors: string[] }> {
  if (!browser) throw setupError ?? new Error('the browser did not start')
  const page = await (await browser.newContext()).newPage()
  const cspErrors: string[] = []
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspErrors.push(message.text())
  })
  return { page, cspErrors }
}

function authorizationUrl(extra: Record<string, string> = {}): string {
  return `${idp.issuer}/oauth/authorize?${new URLSearchParams({
    response_type: 'code',
    client_id: 'hopping-app',
    redirect_uri: callbackUri,
    scope: 'openid',
    state: 'csp-state',
    ...extra,
  })}`
}

async function signIn(page: Page, extra: Record<string, string> = {}): Promise<void> {
  await page.goto(authorizationUrl(extra))
  await page.getByTestId('login-username').fill('alice')
  await page.getByTestId('login-password').fill('wonderland')
  await page.getByTestId('login-submit').click()
  await page.getByTestId('consent-approve').click()
  await page.getByTestId('home').waitFor()
}

it('reaches a client whose callback redirects to a second origin, through the login and consent forms', async () => {
  const { page, cspErrors } = await newPage()
  await signIn(page)
  expect(new URL(page.url()).origin).toBe(homeOrigin)
  expect(cspErrors).toEqual([])
})

it('reaches it with response_mode=form_post too', async () => {
  const { page, cspErrors } = await newPage()
  await signIn(page, { response_mode: 'form_post' })
  expect(new URL(page.url()).origin).toBe(homeOrigin)
  expect(cspErrors).toEqual([])
})

it('does not submit a form injected into the error page (state-reflected-unescaped)', async () => {
  const { page, cspErrors } = await newPage()
  const before = received.length
  const injected = `<form method="post" action="${homeOrigin}/steal"><input name="password" value="hunter2"><button data-testid="injected">Continue</button></form>`
  await page.goto(
    authorizationUrl({ client_id: 'unknown', state: injected, codeflow_behaviour: 'state-reflected-unescaped' }),
  )
  await page.getByTestId('injected').click({ noWaitAfter: true, timeout: 5000 })
  await expect.poll(() => cspErrors.length).toBeGreaterThan(0)
  expect(cspErrors.join('\n')).toContain('form-action')
  expect(received.slice(before).filter((request) => request.url === '/steal')).toEqual([])
})
