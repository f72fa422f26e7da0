import { describe, expect, it } from 'vitest'
import { CONTROL_ROUTES } from './control-api.js'
import { type GuardSettings, refusalBeforeBody } from './request-guard.js'

const SETTINGS: GuardSettings = {
  token: undefined,
  issuer: 'http://127.0.0.1:8080',
  listen: { host: '127.0.0.1', port: 8080 },
  routes: CONTROL_ROUTES,
  maxBodyBytes: 1000,
}

function check(
  init: { method?: string; url?: string; path?: string; headers?: Record<string, string> },
  settings: Partial<GuardSettings> = {},
) {
  return refusalBeforeBody(
    {
      method: init.method ?? 'GET',
      url: new URL(init.url ?? 'http://127.0.0.1:8080/_codeflow/overrides'),
      path: init.path ?? '/overrides',
      headers: new Headers(init.headers),
    },
    { ...SETTINGS, ...settings },
  )
}

const json = { 'content-type': 'application/json', 'content-length': '20' }

describe('control API checks before the body', () => {
  it('lets a plain same-host request through', () => {
    expect(check({})).toBeUndefined()
    expect(check({ url: 'http://localhost:8080/_codeflow/overrides' })).toBeUndefined()
    expect(check({ url: 'http://[::1]:8080/_codeflow/overrides' })).toBeUndefined()
    expect(check({ method: 'POST', path: '/use', headers: json })).toBeUndefined()
    expect(check({ method: 'POST', path: '/reset' })).toBeUndefined()
  })

  it('refuses a rebound Host with 421, and a loopback Host on another port', () => {
    expect(check({ url: 'http://evil.example:8080/_codeflow/requests' })).toMatchObject({ status: 421 })
    expect(check({ url: 'http://127.0.0.1:9999/_codeflow/requests' })).toMatchObject({ status: 421 })
    expect(check({ url: 'http://localhost.evil.example:8080/_codeflow/requests' })).toMatchObject({ status: 421 })
  })

  it("accepts the issuer's host, and any Host beyond loopback (where a token is required)", () => {
    expect(check({ url: 'https://idp.example/_codeflow/requests' }, { issuer: 'https://idp.example' })).toBeUndefined()
    expect(
      check({ url: 'http://evil.example/_codeflow/requests' }, { listen: { host: '0.0.0.0', port: 8080 } }),
    ).toBeUndefined()
  })

  it('refuses a cross-site browser request with 403, with or without a token configured', () => {
    for (const token of [undefined, 'control-token-0123456789']) {
      const crossSite = check(
        { method: 'POST', path: '/reset', headers: { origin: 'https://evil.example' } },
        { token },
      )
      expect(crossSite).toMatchObject({ status: 403, error: 'access_denied' })
      expect(check({ headers: { origin: 'null' } }, { token })).toMatchObject({ status: 403 })
      expect(check({ headers: { 'sec-fetch-site': 'cross-site' } }, { token })).toMatchObject({ status: 403 })
      expect(check({ headers: { 'sec-fetch-site': 'same-site' } }, { token })).toMatchObject({ status: 403 })
    }
    expect(check({ headers: { origin: 'http://127.0.0.1:8080', 'sec-fetch-site': 'same-origin' } })).toBeUndefined()
  })

  it('checks the token before the operation, the media type or the length', () => {
    const token = 'control-token-0123456789'
    const huge = { 'content-type': 'text/plain', 'content-length': '314572800' }
    expect(check({ method: 'POST', path: '/use', headers: huge }, { token })).toMatchObject({ status: 401 })
    expect(check({ method: 'TRACE', path: '/nope' }, { token })).toMatchObject({
      status: 401,
      headers: { 'WWW-Authenticate': expect.stringMatching(/^Bearer /) },
    })
    expect(check({ headers: { authorization: `Bearer ${token}` } }, { token })).toBeUndefined()
    expect(check({ headers: { authorization: 'Bearer control-token-0123456780' } }, { token })).toMatchObject({
      status: 401,
    })
  })

  it('answers 404 for an unknown path and 405 with Allow for a method the operation does not take', () => {
    expect(check({ path: '/nope' })).toMatchObject({ status: 404 })
    expect(check({ method: 'TRACE' })).toMatchObject({ status: 405, headers: { Allow: 'GET, HEAD' } })
    expect(check({ method: 'PUT', path: '/use' })).toMatchObject({ status: 405, headers: { Allow: 'POST' } })
    expect(check({ method: 'DELETE', path: '/issuers/x' })).toBeUndefined()
    expect(check({ method: 'DELETE', path: '/issuers/' })).toMatchObject({ status: 404 })
  })

  it('refuses a body that is not application/json in UTF-8 with 415', () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', '']) {
      expect(check({ method: 'POST', path: '/use', headers: { 'content-type': type } }), type).toMatchObject({
        status: 415,
      })
    }
    expect(check({ method: 'POST', path: '/use', headers: { 'content-length': '5' } })).toMatchObject({ status: 415 })
    expect(check({ method: 'POST', path: '/use', headers: { 'transfer-encoding': 'chunked' } })).toMatchObject({
      status: 415,
    })
    expect(
      check({ method: 'POST', path: '/use', headers: { 'content-type': 'Application/JSON; charset="UTF-8"' } }),
    ).toBeUndefined()
  })

  it('refuses a body declared larger than the limit with 413', () => {
    expect(check({ method: 'POST', path: '/use', headers: { ...json, 'content-length': '1001' } })).toMatchObject({
      status: 413,
    })
    expect(check({ method: 'POST', path: '/use', headers: { ...json, 'content-length': '1000' } })).toBeUndefined()
  })
})
