/** Reading a page the way a person would, from the shapes real login pages share. */
import * as cheerio from 'cheerio'
import { expect, it } from 'vitest'
import { type FormSettings, parseRefresh, readFormPage } from './form-page.js'

const DEFAULTS: FormSettings = { driver: 'form', form: 'form', password: 'input[type=password]' }
const URL_ = 'https://op.example/page'

function read(html: string, settings: Partial<FormSettings> = {}, status = 200) {
  const $ = cheerio.load(html)
  const reading = readFormPage($, { ...DEFAULTS, ...settings }, { url: URL_, status })
  return { ...reading, $ }
}

it('finds the username field before the password by its autocomplete, its name, or its place', () => {
  const byName = read(
    '<form><input name="q" type="search"><input name="j_username"><input type="password" name="p"></form>',
  )
  expect(byName.page.kind === 'login' && byName.page.username?.attr('name')).toBe('j_username')
  const byPlace = read('<form><input name="x1"><input name="x2"><input type="password" name="p"></form>')
  expect(byPlace.page.kind === 'login' && byPlace.page.username?.attr('name')).toBe('x2')
  const passwordOnly = read(
    '<form><input type="hidden" name="username" value="alice"><input type="password" name="p"></form>',
  )
  expect(passwordOnly.page.kind === 'login' && passwordOnly.page.username).toBe(undefined)
})

it('reads a username page only from a field marked or named as an identity, never a search box', () => {
  expect(read('<form><input type="email" name="identifier"><button>Next</button></form>').page.kind).toBe(
    'username-step',
  )
  expect(read('<form><input type="search" name="q"><button>Search</button></form>').page.kind).toBe('unknown')
})

it('recognises a consent page by its approve button, or by a deny control and the one other button', () => {
  const labelled = read('<form><button name="d" value="authorize">Authorize</button></form><a href="/no">Cancel</a>')
  expect(labelled.page.kind).toBe('consent')
  const byElimination = read('<form><button>Continue</button><button>Cancel</button></form>')
  expect(byElimination.page.kind === 'consent' && byElimination.page.approve?.text()).toBe('Continue')
  // "Don't allow" is a deny, not an approve.
  const dont = read("<form><button>Don't allow</button></form>")
  expect(dont.page.kind).not.toBe('consent')
})

it('takes interstitials only from 2xx pages, and a meta refresh only when it is immediate', () => {
  const refresh = '<meta http-equiv="refresh" content="0;url=/next">'
  expect(read(refresh).page).toEqual({ kind: 'interstitial', how: 'meta-refresh', url: 'https://op.example/next' })
  expect(read(refresh, {}, 400).page.kind).toBe('unknown')
  expect(read('<meta http-equiv="refresh" content="600">').page.kind).toBe('unknown')
  expect(read('<form method="post" action="/x"><button>OK</button></form>').page.kind).toBe('interstitial')
  expect(read('<form method="post" action="/x"><button>Back</button></form>').page.kind).toBe('unknown')
})

it('parses the refresh forms browsers accept', () => {
  expect(parseRefresh("0; URL='/a?b=1'", URL_)).toBe('https://op.example/a?b=1')
  expect(parseRefresh('1,url=https://x.example/', URL_)).toBe('https://x.example/')
  expect(parseRefresh('0', URL_)).toBe(URL_)
  expect(parseRefresh('soon', URL_)).toBeUndefined()
})

it('reports an invalid selector as matching nothing, instead of throwing', () => {
  const { page, selectors } = read('<form><input type="password" name="p"></form>', { form: 'form[[' })
  expect(page.kind).toBe('unknown')
  expect(selectors).toContainEqual({
    setting: 'login.form',
    selector: 'form[[',
    source: 'target file',
    matched: false,
    candidates: ['(not a valid CSS selector)'],
  })
})
