import { expect, it } from 'vitest'
import { describePage, type PageSnapshot } from './browser-page-snapshot.js'

const CONSENT: PageSnapshot = {
  url: 'https://op.example/authorize?client_id=app&state=xyz',
  title: 'Allow access?',
  headings: ['Allow access?'],
  alerts: [],
  forms: [
    { method: 'POST', action: '/authorize', fields: [], buttons: ['Allow'] },
    { method: 'POST', action: '/authorize', fields: [], buttons: ['Deny'] },
  ],
}

it('says where the page is, its status and title, and what its headings and forms offer', () => {
  expect(describePage(CONSENT, 200, [])).toBe(
    'the page at https://op.example/authorize?client_id=app&state=xyz (HTTP 200, title "Allow access?") showed headings "Allow access?"; forms POST /authorize (buttons "Allow") | POST /authorize (buttons "Deny")',
  )
})

it('names the fields of a form and the alerts shown, and says when there is no form', () => {
  const login = {
    ...CONSENT,
    title: 'Sign in',
    headings: [],
    alerts: ['Wrong password'],
    forms: [{ method: 'POST', action: '/login', fields: ['username', 'password'], buttons: ['Sign in'] }],
  }
  expect(describePage(login, undefined, [])).toContain(
    'showed alerts "Wrong password"; forms POST /login (fields username, password; buttons "Sign in")',
  )
  expect(describePage({ ...CONSENT, forms: [] }, 400, [])).toContain('; no visible form')
})

it('redacts codes in the URL and removes known secrets from the text', () => {
  const page = {
    ...CONSENT,
    url: 'https://client.example/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz',
    headings: ['Welcome, wonderland'],
  }
  const described = describePage(page, 200, ['wonderland'])
  expect(described).not.toContain('SplxlOBeZQQYbYS6WxSbIA')
  expect(described).not.toContain('wonderland')
  expect(described).toContain('state=xyz')
})

it('shows about:blank and the browser’s own error pages as they are', () => {
  expect(describePage({ ...CONSENT, url: 'about:blank', forms: [] }, undefined, [])).toContain(
    'the page at about:blank',
  )
})
