import * as cheerio from 'cheerio'
import { describe, expect, it } from 'vitest'
import { consentPage } from './consent-page.js'
import { errorPage } from './error-page.js'
import { escapeHtml } from './escape-html.js'
import { interstitialPage } from './interstitial-page.js'
import { loginPage } from './login-page.js'

function html(result: { kind: string } & Partial<{ html: string }>): string {
  if (result.kind !== 'html' || result.html === undefined) throw new Error('not an HTML result')
  return result.html
}

const XSS = '"><img src=x onerror=alert(1)>'

describe('pages', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })

  it('renders the login form with its documented hooks, one h1 and labelled inputs', () => {
    const $ = cheerio.load(
      html(loginPage({ action: '/login', interactionId: 'i1', csrf: 't1', clientName: 'RP', username: 'alice' })),
    )
    expect($('html').attr('lang')).toBe('en')
    expect($('h1')).toHaveLength(1)
    const form = $('form[data-testid="login-form"]')
    expect(form.attr('method')).toBe('post')
    expect(form.attr('action')).toBe('/login')
    expect($('input[data-testid="login-username"]').attr('name')).toBe('username')
    expect($('input[data-testid="login-username"]').attr('value')).toBe('alice')
    expect($('input[data-testid="login-password"]').attr('type')).toBe('password')
    expect($('input[name="interaction"]').attr('value')).toBe('i1')
    expect($('input[name="csrf"]').attr('value')).toBe('t1')
    expect($('button[data-testid="login-submit"]').attr('type')).toBe('submit')
    expect($('button[data-testid="login-cancel"]').attr('value')).toBe('cancel')
    expect($('label[for="username"]')).toHaveLength(1)
    expect($('label[for="password"]')).toHaveLength(1)
    expect($('[data-testid="login-error"]')).toHaveLength(0)
    expect($('script')).toHaveLength(0)
  })

  it('escapes every interpolated value on the login page', () => {
    const page = html(
      loginPage({ action: '/login', interactionId: XSS, csrf: XSS, clientName: XSS, username: XSS, error: XSS }),
    )
    expect(page).not.toContain('<img')
    const $ = cheerio.load(page)
    expect($('input[data-testid="login-username"]').attr('value')).toBe(XSS)
    expect($('p[role="alert"][data-testid="login-error"]').text()).toBe(XSS)
  })

  it('never has a value on the password input', () => {
    const $ = cheerio.load(
      html(loginPage({ action: '/login', interactionId: 'i', csrf: 't', clientName: 'RP', error: 'wrong' })),
    )
    expect($('input[data-testid="login-password"]').attr('value')).toBeUndefined()
  })

  it('lists each requested scope on the consent page with approve and deny buttons', () => {
    const $ = cheerio.load(
      html(
        consentPage({
          action: '/consent',
          interactionId: 'i',
          csrf: 't',
          clientName: 'RP <b>',
          username: 'alice',
          scope: ['openid', 'user_profile'],
          claimsByScope: { user_profile: ['department'] },
        }),
      ),
    )
    expect($('form[data-testid="consent-form"]').attr('action')).toBe('/consent')
    expect(
      $('li[data-testid="consent-scope"]')
        .map((_, li) => $(li).attr('data-scope'))
        .get(),
    ).toEqual(['openid', 'user_profile'])
    expect($('li[data-scope="user_profile"]').text()).toContain('department')
    expect($('button[data-testid="consent-approve"]').attr('value')).toBe('approve')
    expect($('button[data-testid="consent-deny"]').attr('value')).toBe('deny')
    expect($('strong').first().text()).toBe('RP <b>')
  })

  it('escapes the deny form and deny link, which carry their own token', () => {
    const base = {
      action: '/consent',
      interactionId: XSS,
      csrf: 't',
      clientName: 'RP',
      username: 'alice',
      scope: ['openid'],
      claimsByScope: {},
    }
    const form = cheerio.load(html(consentPage({ ...base, deny: { kind: 'form', action: XSS, csrf: XSS } })))
    expect(form('form#deny-form').attr('action')).toBe(XSS)
    expect(form('form#deny-form input[name="csrf"]').attr('value')).toBe(XSS)
    expect(form('form[data-testid="consent-form"] [data-testid="consent-deny"]')).toHaveLength(0)
    const link = cheerio.load(html(consentPage({ ...base, deny: { kind: 'link', href: XSS } })))
    expect(link('a[data-testid="consent-deny"]').attr('href')).toBe(XSS)
    expect(link('img')).toHaveLength(0)
  })

  it('escapes every value on the interstitial pages, and puts the nonce only on its own script', () => {
    const options = {
      action: XSS,
      interactionId: XSS,
      csrf: XSS,
      refreshUrl: XSS,
      nonce: 'n0nce',
      clientName: XSS,
      username: XSS,
    }
    for (const kind of ['auto-submit', 'meta-refresh', 'continue'] as const) {
      const page = html(interstitialPage({ ...options, kind }))
      expect(page).not.toContain('<img')
      expect(cheerio.load(page)('script')).toHaveLength(kind === 'auto-submit' ? 1 : 0)
    }
    const refresh = cheerio.load(html(interstitialPage({ ...options, kind: 'meta-refresh' })))
    expect(refresh('meta[http-equiv="refresh"]').attr('content')).toBe(`0; url=${XSS}`)
    const auto = interstitialPage({ ...options, kind: 'auto-submit' })
    expect(auto.headers?.['Content-Security-Policy']).toContain("script-src 'nonce-n0nce'")
    expect(cheerio.load(html(auto))('script').attr('nonce')).toBe('n0nce')
  })

  it('shows the error code and description on the error page', () => {
    const $ = cheerio.load(html(errorPage({ error: 'invalid_request', description: XSS })))
    expect($('[data-testid="error-page"]')).toHaveLength(1)
    expect($('[data-testid="error-code"]').text()).toBe('invalid_request')
    expect($('[data-testid="error-description"]').text()).toBe(XSS)
    expect($('img')).toHaveLength(0)
  })
})
