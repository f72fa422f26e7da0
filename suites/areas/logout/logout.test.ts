import { describe, expect, it } from 'vitest'
import type { Exchange } from '../../../reports/run-result.js'
import type { LogoutResult } from '../../flows/logout-request.js'
import type { AnyCheck } from '../../harness/check.js'
import { parseTargetFile } from '../../harness/target.js'
import badRedirect from './checks/bad-redirect.js'
import clientIdParam from './checks/client-id-param.js'
import discovery from './checks/discovery.js'
import happy from './checks/happy.js'
import hintAlgNone from './checks/hint-alg-none.js'
import hintForeign from './checks/hint-foreign.js'
import noHintWithRedirect from './checks/no-hint-with-redirect.js'
import queryAdded from './checks/query-added.js'
import tokensAfterLogout from './checks/tokens-after-logout.js'
import variants from './checks/variants.js'

const URI = 'https://rp.example/logged-out'
const exchange = {
  id: 1,
  label: 'x',
  request: { method: 'GET', url: 'https://op', headers: {} },
  durationMs: 1,
} as Exchange
const target = parseTargetFile({
  name: 't',
  issuer: 'https://op.example.com',
  clients: [
    {
      client_id: 'a',
      client_secret: 'secret-a',
      redirect_uris: ['https://rp.example/cb'],
      post_logout_redirect_uris: [URI],
    },
  ],
  users: [{ username: 'u', password: 'password' }],
})
const judge = (check: AnyCheck, e: Record<string, unknown>) => check.evaluate(e as never, { target }).kind

const redirected = (url: string, extra: Partial<LogoutResult> = {}): LogoutResult => ({
  sent: { state: 's1' },
  method: 'GET',
  redirect: { url, status: 302, via: 'location', params: [...new URL(url).searchParams] as Array<[string, string]> },
  confirmationShown: false,
  confirmed: false,
  exchanges: [exchange],
  ...extra,
})
const page = (extra: Partial<LogoutResult> = {}): LogoutResult => ({
  sent: { state: 's1' },
  method: 'GET',
  page: { status: 400, url: 'https://op/logout', html: '<p>error</p>' },
  confirmationShown: false,
  confirmed: false,
  exchanges: [exchange],
  ...extra,
})
const probe = (params: Record<string, string>) => ({
  result: { kind: 'callback', params, allParams: Object.entries(params), sawLogin: false, exchanges: [exchange] },
})
const alive = probe({ code: 'c' })
const ended = probe({ error: 'login_required' })

const happyEvidence = (extra: Record<string, unknown> = {}) => ({
  logoutHappy: {
    clientId: 'a',
    postLogoutRedirectUri: URI,
    state: 's1',
    probed: true,
    login: { userinfo: { status: 200 } },
    before: alive,
    logout: redirected(`${URI}?state=s1`),
    after: ended,
    ...extra,
  },
})
const negative = (extra: Record<string, LogoutResult>) => ({
  logoutNegative: {
    clientId: 'a',
    registered: [URI],
    postLogoutRedirectUri: URI,
    badRedirect: page(),
    queryAdded: page(),
    hintForeign: page(),
    hintAlgNone: page(),
    noHintWithRedirect: page(),
    clientIdParam: redirected(`${URI}?state=s1`),
    ...extra,
  },
})

describe('logout checks', () => {
  it('fails a published end_session_endpoint over http on a public host and notes loopback', () => {
    const d = (url?: string) => ({ discovery: { exchange, metadata: { end_session_endpoint: url }, endpoints: {} } })
    expect(judge(discovery, d('https://op.example.com/logout'))).toBe('pass')
    expect(judge(discovery, d('http://op.example.com/logout'))).toBe('fail')
    expect(judge(discovery, d('http://localhost:8080/logout'))).toBe('info')
    // Regression: a fragment on a loopback http URL was reported as info, never as a fragment.
    expect(judge(discovery, d('http://localhost:8080/logout#logout'))).toBe('fail')
    expect(judge(discovery, d('https://op.example.com/logout#x'))).toBe('fail')
    expect(judge(discovery, d(undefined))).toBe('skip')
  })

  it('passes a redirect with the same state that ends the session', () => {
    expect(judge(happy, happyEvidence())).toBe('pass')
  })

  it('fails the happy logout when state changes, no redirect happens or the session survives', () => {
    expect(judge(happy, happyEvidence({ logout: redirected(`${URI}?state=other`) }))).toBe('fail')
    expect(judge(happy, happyEvidence({ logout: page({ page: { status: 200, url: 'x', html: '' } }) }))).toBe('fail')
    expect(judge(happy, happyEvidence({ after: alive }))).toBe('fail')
  })

  it('fails a redirect to an unregistered or query-extended URI even after confirmation', () => {
    const bad = 'https://rp.example/elsewhere'
    expect(judge(badRedirect, negative({}))).toBe('pass')
    expect(
      judge(badRedirect, negative({ badRedirect: redirected(bad, { sent: { post_logout_redirect_uri: bad } }) })),
    ).toBe('fail')
    expect(judge(queryAdded, negative({}))).toBe('pass')
    expect(
      judge(queryAdded, negative({ queryAdded: redirected(URI, { confirmed: true, confirmationShown: true }) })),
    ).toBe('fail')
  })

  it('fails a redirect trusted on a foreign or unsigned hint, and warns when it came after the user confirmed', () => {
    expect(judge(hintForeign, negative({}))).toBe('pass')
    expect(judge(hintForeign, negative({ hintForeign: redirected(URI) }))).toBe('fail')
    expect(judge(hintAlgNone, negative({ hintAlgNone: redirected(URI) }))).toBe('fail')
    expect(
      judge(hintAlgNone, negative({ hintAlgNone: redirected(URI, { confirmed: true, confirmationShown: true }) })),
    ).toBe('warn')
    expect(judge(noHintWithRedirect, negative({}))).toBe('pass')
    expect(judge(noHintWithRedirect, negative({ noHintWithRedirect: redirected(URI) }))).toBe('fail')
  })

  it('reports whether client_id alone leads to a redirect, and fails a changed state', () => {
    expect(judge(clientIdParam, negative({}))).toBe('info')
    expect(judge(clientIdParam, negative({ clientIdParam: page() }))).toBe('info')
    expect(judge(clientIdParam, negative({ clientIdParam: redirected(`${URI}?state=x`) }))).toBe('fail')
  })

  it('fails a variant that logs out without asking when no id_token_hint was sent', () => {
    const signedOut = page({ page: { status: 200, url: 'x', html: 'signed out' } })
    const asked = page({ page: { status: 200, url: 'x', html: '<form>' }, confirmationShown: true })
    const confirmed = page({ page: { status: 200, url: 'x', html: 'bye' }, confirmationShown: true, confirmed: true })
    const variant = (extra: Record<string, unknown>) => ({
      logoutVariants: {
        probed: true,
        registered: [URI],
        variants: [{ name: 'no parameters', withHint: false, first: signedOut, after: ended, ...extra }],
      },
    })
    expect(judge(variants, variant({}))).toBe('fail')
    expect(judge(variants, variant({ first: asked, afterFirst: alive, confirmed, after: ended }))).toBe('pass')
    expect(judge(variants, variant({ first: asked, afterFirst: alive, confirmed, after: alive }))).toBe('fail')
  })

  it('fails a variant that redirects without a post_logout_redirect_uri or invents a state', () => {
    const evidence = (v: Record<string, unknown>) => ({
      logoutVariants: { probed: false, registered: [URI], variants: [v] },
    })
    expect(judge(variants, evidence({ name: 'only state', withHint: false, first: redirected(URI) }))).toBe('fail')
    expect(
      judge(
        variants,
        evidence({ name: 'no state', withHint: true, postLogoutRedirectUri: URI, first: redirected(URI) }),
      ),
    ).toBe('pass')
    expect(
      judge(
        variants,
        evidence({
          name: 'no state',
          withHint: true,
          postLogoutRedirectUri: URI,
          first: redirected(`${URI}?state=made-up`),
        }),
      ),
    ).toBe('fail')
  })

  it('reports whether tokens survive logout and skips without any to try', () => {
    expect(
      judge(
        tokensAfterLogout,
        happyEvidence({
          userinfoAfter: { status: 200, exchange },
          refreshAfter: { status: 400, body: { error: 'invalid_grant' }, exchange },
        }),
      ),
    ).toBe('info')
    expect(judge(tokensAfterLogout, happyEvidence())).toBe('skip')
  })
})
