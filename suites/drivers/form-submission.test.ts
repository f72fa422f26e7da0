/** What a click sends (HTML's form submission algorithm, simplified to what login pages use). */
import * as cheerio from 'cheerio'
import { expect, it } from 'vitest'
import { activate, submitForm } from './form-submission.js'

const PAGE = 'https://op.example/login?txn=1'

it('sends every field a browser sends, the clicked button alone among the buttons, and the typed values', () => {
  const $ = cheerio.load(`<form id="f" method="post" action="/session">
    <input type="hidden" name="csrf" value="t&amp;1">
    <input name="username" value="prefilled">
    <input type="checkbox" name="remember" checked><input type="checkbox" name="marketing" value="yes">
    <input name="off" disabled value="x">
    <select name="lang"><option value="en">English</option><option value="fr" selected>Français</option></select>
    <textarea name="note">hi</textarea>
    <button name="action" value="login">Sign in</button><button name="action" value="cancel">Cancel</button>
  </form>`)
  const request = activate($, $('button[value=login]'), PAGE, { username: 'alice' })
  expect(request.method).toBe('POST')
  expect(request.url).toBe('https://op.example/session')
  expect([...request.form!]).toEqual([
    ['csrf', 't&1'],
    ['remember', 'on'],
    ['lang', 'fr'],
    ['note', 'hi'],
    ['username', 'alice'],
    ['action', 'login'],
  ])
})

it('submits the form a button names with its form attribute, including fields outside the form that name it', () => {
  const $ =
    cheerio.load(`<form id="deny" method="post" action="/deny"><input type="hidden" name="csrf" value="c"></form>
    <input type="hidden" name="txn" value="7" form="deny">
    <button form="deny" name="decision" value="no">Deny</button>`)
  const request = activate($, $('button'), PAGE)
  expect(request.url).toBe('https://op.example/deny')
  expect(Object.fromEntries(request.form!)).toEqual({ csrf: 'c', txn: '7', decision: 'no' })
})

it("uses the button's formaction and formmethod, and a GET submission replaces the action's query", () => {
  const $ = cheerio.load(`<form method="post" action="/a?keep=no"><input type="hidden" name="t" value="1">
    <button formaction="/b?old=1" formmethod="get" name="go" value="1">Go</button></form>`)
  expect(activate($, $('button'), PAGE)).toEqual({ method: 'GET', url: 'https://op.example/b?t=1&go=1' })
})

it('follows a link with GET, and submits a form without a button as a script does (no button name sent)', () => {
  const $ = cheerio.load(`<a href="/consent/deny?csrf=x">Deny</a>
    <form method="POST"><input type="hidden" name="t" value="1"><button name="b" value="v">Continue</button></form>`)
  expect(activate($, $('a'), PAGE)).toEqual({ method: 'GET', url: 'https://op.example/consent/deny?csrf=x' })
  const request = submitForm($, $('form'), PAGE)
  expect(request.url).toBe(PAGE)
  expect(Object.fromEntries(request.form!)).toEqual({ t: '1' })
})

it('refuses a javascript: link and a button outside any form, saying why', () => {
  const $ = cheerio.load(`<a href="javascript:deny()">Deny</a><button id="lonely">Allow</button>`)
  expect(() => activate($, $('a'), PAGE)).toThrow('runs a script: the form driver cannot follow it')
  expect(() => activate($, $('#lonely'), PAGE)).toThrow('button#lonely "Allow" belongs to no form')
})
