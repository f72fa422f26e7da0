import { expect, it } from 'vitest'
import { afterRedirect } from './follow-redirect.js'

const post = { method: 'POST', url: 'https://op.example/login', form: new URLSearchParams({ username: 'alice' }) }

it('repeats the method and body after a 307 or 308', () => {
  expect(afterRedirect(post, 307, 'https://op.example/next')).toEqual({ ...post, url: 'https://op.example/next' })
  expect(afterRedirect(post, 308, 'https://op.example/next')).toEqual({ ...post, url: 'https://op.example/next' })
})

it('turns any other redirect into a GET without a body', () => {
  for (const status of [301, 302, 303])
    expect(afterRedirect(post, status, 'https://op.example/next')).toEqual({
      method: 'GET',
      url: 'https://op.example/next',
    })
})
