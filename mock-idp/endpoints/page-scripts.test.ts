import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApp } from '../http/app.js'
import { type RunningMockIdp, serveMockIdp } from '../server.js'
import { testProvider } from '../test-support/back-channel.js'
import { Browser, openConsent, openLogin, readPage } from '../test-support/pages.js'

let deferred: RunningMockIdp
let slow: RunningMockIdp
beforeAll(async () => {
  deferred = await serveMockIdp({ port: 0, log: { level: 'silent' }, pages: { scripts: 'defer-form' } })
  slow = await serveMockIdp({ port: 0, log: { level: 'silent' }, pages: { scripts: 'slow-assets', assetDelayMs: 0 } })
})
afterAll(async () => {
  await deferred.close()
  await slow.close()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('script-dependent pages (pages.scripts)', () => {
  it('"defer-form": the HTML has an empty container and no form; a nonce-allowed script builds it on "load"', async () => {
    const page = await openLogin(new Browser(), deferred.url)
    const { $ } = page
    expect($('form')).toHaveLength(0)
    expect($('[data-testid="login-root"]').children()).toHaveLength(0)
    const script = $('script[nonce]')
    expect(page.response.headers.get('content-security-policy')).toContain(`script-src 'nonce-${script.attr('nonce')}'`)
    expect(script.text()).toContain("addEventListener('load'")
    expect(script.text()).toContain("'data-testid': 'login-form'")
    expect(script.text()).not.toContain('innerHTML')
  })

  it('"defer-form": posting the values the script puts in the form signs in', async () => {
    const browser = new Browser()
    const page = await openLogin(browser, deferred.url)
    const data = JSON.parse(page.$('script#login-data').text()) as Record<string, string>
    expect(data.action).toBe('/login')
    const response = await browser.postForm(new URL(data.action!, page.url).href, {
      interaction: data.interaction!,
      csrf: data.csrf!,
      username: 'alice',
      password: 'wonderland',
      action: 'login',
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toContain('/consent?interaction=')
  })

  it('"defer-form": values in the data block cannot close the script', async () => {
    const browser = new Browser()
    const page = await openLogin(browser, deferred.url, {
      response_type: 'code',
      client_id: 's6BhdRkqt3',
      redirect_uri: 'https://client.example.org/cb',
      scope: 'openid',
      login_hint: '</script><script>alert(1)</script>',
    })
    expect(page.$('script')).toHaveLength(2)
    const data = JSON.parse(page.$('script#login-data').text()) as Record<string, string>
    expect(data.username).toBe('</script><script>alert(1)</script>')
  })

  it('"slow-assets": the login and consent pages load a stylesheet, an image and an async script after their forms', async () => {
    const browser = new Browser()
    const login = await openLogin(browser, slow.url)
    const consent = await openConsent(browser, slow.url)
    for (const { $, response } of [login, consent]) {
      const html = $.html()
      expect(html.indexOf('data-testid="slow-stylesheet"')).toBeGreaterThan(html.indexOf('</form>'))
      expect($('link[rel="stylesheet"]').attr('href')).toBe('/assets/codeflow.css')
      expect($('img[data-testid="slow-image"]').attr('src')).toBe('/assets/logo.svg')
      expect($('script[data-testid="slow-script"]').attr('async')).toBeDefined()
      const csp = response.headers.get('content-security-policy')!
      expect(csp).toContain("default-src 'none'")
      expect(csp).toContain("style-src 'unsafe-inline' 'self'")
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("img-src 'self' data:")
    }
  })

  it('"slow-assets": serves each asset with its media type, never cached, and 404 for anything else', async () => {
    const css = await fetch(`${slow.url}/assets/codeflow.css`)
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(css.headers.get('cache-control')).toBe('no-store')
    expect((await fetch(`${slow.url}/assets/logo.svg`)).headers.get('content-type')).toBe('image/svg+xml')
    expect((await fetch(`${slow.url}/assets/codeflow.js`)).headers.get('content-type')).toContain('javascript')
    expect((await fetch(`${slow.url}/assets/constructor`)).status).toBe(404)
    expect((await fetch(`${deferred.url}/assets/codeflow.css`)).status).toBe(404)
  })

  it('"slow-assets": an asset answers only once pages.assetDelayMs has passed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    const { provider } = await testProvider({ pages: { scripts: 'slow-assets', assetDelayMs: 1500 } })
    let answered = false
    const pending = Promise.resolve(createApp(provider).request('/assets/codeflow.css')).then((response) => {
      answered = true
      return response
    })
    await vi.advanceTimersByTimeAsync(1499)
    expect(answered).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect((await pending).status).toBe(200)
  })

  it('"slow-assets": the error page has no assets, and the login page keeps its form in the HTML', async () => {
    const { $ } = await readPage(slow.url, await new Browser().get(`${slow.url}/login`))
    expect($('[data-testid="error-page"]')).toHaveLength(1)
    expect($('[data-testid="slow-image"]')).toHaveLength(0)
    const login = await openLogin(new Browser(), slow.url)
    expect(login.$('form[data-testid="login-form"]')).toHaveLength(1)
  })
})
