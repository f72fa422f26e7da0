import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningMockIdp, serveMockIdp } from '../server.js'
import { Browser, callbackParams, GUIDE_REQUEST, openLogin, readPage, submit } from '../test-support/pages.js'

const LOGIN_FORM = 'form[data-testid="login-form"]'

let strict: RunningMockIdp
let defaults: RunningMockIdp
beforeAll(async () => {
  strict = await serveMockIdp({
    port: 0,
    log: { level: 'silent' },
    pages: { errorPageStatus: 403, rememberConsent: false, wrongPassword: 'status' },
  })
  defaults = await serveMockIdp({ port: 0, log: { level: 'silent' } })
})
afterAll(async () => {
  await strict.close()
  await defaults.close()
})

/** A whole flow in `browser`: login (unless the session suffices), consent when asked. Returns the pages seen. */
async function flow(idp: RunningMockIdp, browser: Browser, params: Record<string, string> = GUIDE_REQUEST) {
  const seen: string[] = []
  let response = await browser.get(`${idp.url}/oauth/authorize?${new URLSearchParams(params)}`)
  for (let hop = 0; hop < 6; hop++) {
    const location = response.headers.get('location')!
    if (location.startsWith('https://client.example.org/')) return { seen, params: callbackParams(location) }
    const page = await readPage(location, await browser.get(location))
    if (page.$(LOGIN_FORM).length > 0) {
      seen.push('login')
      response = await submit(browser, page, LOGIN_FORM, { username: 'alice', password: 'wonderland' })
    } else {
      seen.push('consent')
      response = await submit(browser, page, 'form[data-testid="consent-form"]', { decision: 'approve' })
    }
  }
  throw new Error(`the flow did not reach the client: ${seen.join(', ')}`)
}

describe('page answers (pages.errorPageStatus, rememberConsent, wrongPassword)', () => {
  it('errorPageStatus 403: an unknown client and an unregistered redirect_uri get a 403 error page, no redirect', async () => {
    const unknown = await fetch(
      `${strict.url}/oauth/authorize?${new URLSearchParams({ ...GUIDE_REQUEST, client_id: 'nobody' })}`,
      {
        redirect: 'manual',
      },
    )
    expect(unknown.status).toBe(403)
    expect(unknown.headers.get('location')).toBeNull()
    const { $ } = await readPage(strict.url, unknown)
    expect($('[data-testid="error-code"]').text()).toBe('invalid_client')
    const unregistered = await fetch(
      `${strict.url}/oauth/authorize?${new URLSearchParams({ ...GUIDE_REQUEST, redirect_uri: 'https://attacker.example/cb' })}`,
      { redirect: 'manual' },
    )
    expect(unregistered.status).toBe(403)
    expect(unregistered.headers.get('location')).toBeNull()
  })

  it('errorPageStatus default: the same error pages answer 400', async () => {
    const unknown = await fetch(
      `${defaults.url}/oauth/authorize?${new URLSearchParams({ ...GUIDE_REQUEST, client_id: 'nobody' })}`,
      {
        redirect: 'manual',
      },
    )
    expect(unknown.status).toBe(400)
  })

  it('rememberConsent default: the second authorization in the session skips the consent page', async () => {
    const browser = new Browser()
    expect((await flow(defaults, browser)).seen).toEqual(['login', 'consent'])
    const second = await flow(defaults, browser)
    expect(second.seen).toEqual([])
    expect(second.params.get('code')).toBeTruthy()
  })

  it('rememberConsent false: every authorization asks for consent again', async () => {
    const browser = new Browser()
    expect((await flow(strict, browser)).seen).toEqual(['login', 'consent'])
    const second = await flow(strict, browser)
    expect(second.seen).toEqual(['consent'])
    expect(second.params.get('code')).toBeTruthy()
  })

  it('wrongPassword "status": the login page again, with its error, answered 400', async () => {
    const browser = new Browser()
    const login = await openLogin(browser, strict.url)
    const wrong = await submit(browser, login, LOGIN_FORM, { username: 'alice', password: 'builder' })
    expect(wrong.status).toBe(400)
    const again = await readPage(login.url, wrong)
    expect(again.$('[data-testid="login-error"]').text()).toContain('incorrect')
    expect(again.$(`${LOGIN_FORM} input[data-testid="login-password"]`)).toHaveLength(1)
  })

  it('wrongPassword default "same-page": the login page again, with its error, answered 200', async () => {
    const browser = new Browser()
    const login = await openLogin(browser, defaults.url)
    const wrong = await submit(browser, login, LOGIN_FORM, { username: 'alice', password: 'builder' })
    expect(wrong.status).toBe(200)
    expect(await wrong.text()).toContain('incorrect')
  })
})
