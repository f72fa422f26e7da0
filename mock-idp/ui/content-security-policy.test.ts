import * as cheerio from 'cheerio'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { Browser } from '../../test/support/login-flow.js'
import { type RunningMockIdp, serveMockIdp } from '../server.js'
import { SAMPLE } from '../test-support/back-channel.js'
import { formPageCsp, formPostCsp, NO_FORM_CSP } from './content-security-policy.js'

let idp: RunningMockIdp
beforeAll(async () => {
  idp = await serveMockIdp({ port: 0, log: { level: 'silent' } })
})
afterAll(() => idp?.close())

function directive(csp: string | null, name: string): string | undefined {
  return csp
    ?.split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name} `))
}

/** Every page of a sign-in and a sign-out, as a browser meets them: page id → its response headers. */
async function visitEveryPage(): Promise<Map<string, Headers>> {
  const pages = new Map<string, Headers>()
  const browser = new Browser()
  const { paths } = idp.provider.config
  const visit = async (response: Response) => {
    const $ = cheerio.load(await response.text())
    const id = $('main').attr('data-testid') ?? 'unknown'
    pages.set($('form[data-testid="form-post"]').length > 0 ? 'form-post' : id, response.headers)
    return $
  }
  const authorize = (extra: Record<string, string> = {}) =>
    `${idp.url}${paths.authorization}?${new URLSearchParams({
      response_type: 'code',
      scope: 'openid',
      client_id: SAMPLE.clientId,
      redirect_uri: SAMPLE.redirectUri,
      state: 's',
      ...extra,
    })}`
  const follow = (response: Response) => new URL(response.headers.get('location')!, idp.url).href

  await visit(await browser.get(authorize({ client_id: 'unknown' })))
  const loginUrl = follow(await browser.get(authorize()))
  const login = await visit(await browser.get(loginUrl))
  const fields = Object.fromEntries(
    login('form[data-testid="login-form"] input[type="hidden"]')
      .toArray()
      .map((input) => [login(input).attr('name')!, login(input).attr('value')!]),
  )
  const wrong = await browser.postForm(`${idp.url}${paths.login}`, { ...fields, username: 'alice', password: 'x' })
  pages.set('login-error', wrong.headers)
  const signedIn = await browser.postForm(`${idp.url}${paths.login}`, {
    ...fields,
    username: 'alice',
    password: 'wonderland',
  })
  const consent = await visit(await browser.get(follow(signedIn)))
  const consentFields = Object.fromEntries(
    consent('form[data-testid="consent-form"] input[type="hidden"]')
      .toArray()
      .map((input) => [consent(input).attr('name')!, consent(input).attr('value')!]),
  )
  await browser.postForm(`${idp.url}${paths.consent}`, { ...consentFields, decision: 'approve' })
  await visit(await browser.get(authorize({ response_mode: 'form_post' })))
  await visit(await browser.get(`${idp.url}${paths.login}`))
  const confirm = await visit(await browser.get(`${idp.url}${paths.endSession}`))
  const csrf = confirm('input[name="csrf"]').attr('value')!
  await visit(await browser.postForm(`${idp.url}${paths.endSession}`, { csrf, confirm: 'no' }))
  await visit(await browser.postForm(`${idp.url}${paths.endSession}`, { csrf, confirm: 'yes' }))
  return pages
}

it("gives every page a form-action and frame-ancestors 'none'", async () => {
  const pages = await visitEveryPage()
  expect([...pages.keys()].sort()).toEqual([
    'consent-page',
    'error-page',
    'form-post',
    'login-error',
    'login-page',
    'logout-confirm-page',
    'signed-out-page',
    'still-signed-in-page',
  ])
  for (const [page, headers] of pages) {
    const csp = headers.get('content-security-policy')
    expect(directive(csp, 'form-action'), page).toBeDefined()
    expect(directive(csp, 'frame-ancestors'), page).toBe("frame-ancestors 'none'")
    expect(headers.get('x-frame-options'), page).toBe('DENY')
  }
})

it('lets nothing be submitted from a page without a form (the error page reflects request input)', async () => {
  const pages = await visitEveryPage()
  for (const page of ['error-page', 'signed-out-page', 'still-signed-in-page']) {
    expect(directive(pages.get(page)!.get('content-security-policy'), 'form-action'), page).toBe("form-action 'none'")
  }
  expect(directive(NO_FORM_CSP, 'form-action')).toBe("form-action 'none'")
})

it("lets a form page post to its own origin and continue to the flow's redirect URI", () => {
  expect(directive(formPageCsp(), 'form-action')).toBe(
    "form-action 'self' https: http://localhost:* http://127.0.0.1:*",
  )
  expect(directive(formPageCsp('com.example.app:/oauth2redirect'), 'form-action')).toContain(' com.example.app:')
  expect(directive(formPageCsp('http://10.0.0.7:8080/cb?x=1'), 'form-action')).toContain(' http://10.0.0.7:8080')
  expect(directive(formPostCsp('sha256-x', 'https://rp.example/cb'), 'form-action')).toContain('https:')
})

it('adds nothing for a redirect URI that would not make a clean source expression', () => {
  const plain = formPageCsp()
  for (const uri of ['http://[::1]:3000/cb', 'not a url', "http://a';b.example/"]) {
    expect(formPageCsp(uri), uri).toBe(plain)
  }
})
