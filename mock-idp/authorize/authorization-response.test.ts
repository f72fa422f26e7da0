import { describe, expect, it } from 'vitest'
import { ActiveBehaviours } from '../behaviours/active-behaviours.js'
import { behaviourCatalog } from '../behaviours/catalog.js'
import { InvalidScope } from '../errors.js'
import { appendQuery, errorDescriptionValue, errorRedirect, successResponse } from './authorization-response.js'

const ISS = 'https://idp.example'
const NONE = new ActiveBehaviours(behaviourCatalog)

describe('authorization response', () => {
  it("appends to a registered URI ending in '?' without doubling it", () => {
    expect(appendQuery('https://client.example.org/cb?', 'code=c')).toBe('https://client.example.org/cb?code=c')
  })

  it('keeps an existing query of the registered URI', () => {
    expect(appendQuery('https://rp.example/cb?tenant=a', 'code=c')).toBe('https://rp.example/cb?tenant=a&code=c')
    expect(appendQuery('https://rp.example/cb', 'code=c')).toBe('https://rp.example/cb?code=c')
  })

  it('puts code, state and iss in the query, state exactly as sent', () => {
    const state = 'a b+c&d=é'
    const result = successResponse(
      { redirectUri: 'https://rp.example/cb', responseMode: 'query', state },
      ISS,
      'C',
      302,
      NONE,
    )
    expect(result.kind).toBe('redirect')
    if (result.kind !== 'redirect') return
    const url = new URL(result.location)
    expect([...url.searchParams.keys()]).toEqual(['code', 'state', 'iss'])
    expect(url.searchParams.get('state')).toBe(state)
    expect(decodeURIComponent(result.location.split('state=')[1]!.split('&')[0]!)).toBe(state)
    expect(url.searchParams.get('iss')).toBe(ISS)
  })

  it('omits state when the request had none', () => {
    const result = successResponse({ redirectUri: 'https://rp.example/cb', responseMode: 'query' }, ISS, 'C', 302, NONE)
    expect(result.kind === 'redirect' && new URL(result.location).searchParams.has('state')).toBe(false)
  })

  it('puts the response in the fragment for response_mode=fragment', () => {
    const result = errorRedirect(
      { redirectUri: 'https://rp.example/cb', responseMode: 'fragment', state: 's' },
      ISS,
      new InvalidScope('bad scope'),
      303,
      NONE,
    )
    expect(result).toMatchObject({ kind: 'redirect', status: 303 })
    if (result.kind !== 'redirect') return
    const url = new URL(result.location)
    expect(url.search).toBe('')
    expect(Object.fromEntries(new URLSearchParams(url.hash.slice(1)))).toEqual({
      error: 'invalid_scope',
      error_description: 'bad scope',
      state: 's',
      iss: ISS,
    })
  })

  it('renders form_post as an escaped auto-submitting form with a hash-pinned script', () => {
    const result = successResponse(
      { redirectUri: 'https://rp.example/cb', responseMode: 'form_post', state: '"><script>alert(1)</script>' },
      ISS,
      'C',
      303,
      NONE,
    )
    expect(result.kind).toBe('html')
    if (result.kind !== 'html') return
    expect(result.html).toContain('action="https://rp.example/cb"')
    expect(result.html).toContain('name="state" value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"')
    expect(result.html).not.toContain('<script>alert(1)')
    expect(result.html).toContain('<noscript>')
    const csp = result.headers?.['Content-Security-Policy'] ?? ''
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toMatch(/form-action [^;]*https:/)
  })

  it('keeps error_description inside the characters RFC 6749 allows', () => {
    expect(errorDescriptionValue('"scope" \\ é\n')).toBe("'scope' / ??")
  })
})
