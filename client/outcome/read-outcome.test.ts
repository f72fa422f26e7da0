import { expect, it } from 'vitest'
import { readOutcome } from './read-outcome.js'

const signedIn = {
  status: 200,
  url: 'http://127.0.0.1:4000/me',
  body: '<main><p data-testid="user">Signed in as Alice</p></main>',
}
const errorPage = { status: 401, url: 'http://127.0.0.1:4000/callback?x=1', body: '<h1>sign-in failed</h1>' }

it('reads a page that meets every success matcher as signed in', () => {
  const outcome = readOutcome(signedIn, [], {
    success: { status: 200, url: '/me$', text: 'Signed in as', selector: '[data-testid=user]' },
  })
  expect(outcome.kind).toBe('signed-in')
})

it('reads a page that misses one success matcher as refused when no refusal matchers are given', () => {
  const outcome = readOutcome({ ...signedIn, status: 500 }, [], { success: { status: 200, text: 'Signed in as' } })
  expect(outcome).toEqual({ kind: 'refused', matched: ['not status 200'] })
})

it('reads a refusal from the page when a refusal matcher holds', () => {
  const outcome = readOutcome(errorPage, [], {
    success: { text: 'Signed in as' },
    refusal: { status: 401, text: 'nothing like this' },
  })
  expect(outcome).toEqual({ kind: 'refused', matched: ['status 401'] })
})

it('reads a refusal from the app log lines of the sign-in', () => {
  const outcome = readOutcome({ ...errorPage, status: 500 }, ['GET /callback', 'error: id_token rejected: bad aud'], {
    success: { text: 'Signed in as' },
    refusal: { log: 'id_token.*(invalid|rejected)' },
  })
  expect(outcome).toEqual({ kind: 'refused', matched: ['log /id_token.*(invalid|rejected)/'] })
})

it('reports a page that is neither success nor a given refusal as unexplained, naming what did not match', () => {
  const outcome = readOutcome({ status: 200, url: 'http://127.0.0.1:4000/', body: 'Welcome' }, [], {
    success: { text: 'Signed in as' },
    refusal: { status: 401 },
  })
  expect(outcome.kind).toBe('unexplained')
  expect(outcome).toMatchObject({ unmatched: ['text "Signed in as"', 'status 401'] })
})

it('does not take a success text hidden in an attribute of another page for visible text only', () => {
  const outcome = readOutcome({ status: 200, url: 'http://x/', body: '<a title="x">Sign in</a>' }, [], {
    success: { selector: '[data-testid=user]' },
  })
  expect(outcome.kind).toBe('refused')
})
