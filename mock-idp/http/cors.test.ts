import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConfigError, parseConfig } from '../config/load.js'
import { createMockIdp, type MockIdp } from '../index.js'

const SPA = 'http://localhost:5173'

describe('CORS for single-page apps', () => {
  let idp: MockIdp
  beforeAll(async () => {
    idp = await createMockIdp({ log: { level: 'silent' }, cors: { origins: [SPA] } })
  })
  afterAll(() => idp.close())

  it('answers a preflight to the token endpoint from an allowed origin', async () => {
    const response = await fetch(`${idp.url}/auth/token`, {
      method: 'OPTIONS',
      headers: {
        Origin: SPA,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe(SPA)
    expect(response.headers.get('access-control-allow-methods')).toBe('POST')
    expect(response.headers.get('access-control-allow-headers')).toMatch(/Content-Type/)
  })

  it('lets the app read token errors and the UserInfo challenge', async () => {
    const token = await fetch(`${idp.url}/auth/token`, {
      method: 'POST',
      headers: { Origin: SPA, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=authorization_code&code=nope&client_id=codeflow-public&redirect_uri=x',
    })
    expect(token.headers.get('access-control-allow-origin')).toBe(SPA)
    expect(token.status).toBe(400)
    const userinfo = await fetch(`${idp.url}/userinfo`, { headers: { Origin: SPA } })
    expect(userinfo.headers.get('access-control-allow-origin')).toBe(SPA)
    expect(userinfo.headers.get('access-control-expose-headers')).toMatch(/WWW-Authenticate/)
  })

  it('gives another origin, and the pages, no CORS headers', async () => {
    const other = await fetch(`${idp.url}/.well-known/openid-configuration`, {
      headers: { Origin: 'https://evil.example' },
    })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
    const page = await fetch(`${idp.url}/oauth/authorize`, { headers: { Origin: SPA } })
    expect(page.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('CORS configuration', () => {
  it('is off by default', async () => {
    const idp = await createMockIdp({ log: { level: 'silent' } })
    try {
      const response = await fetch(`${idp.url}/.well-known/jwks.json`, { headers: { Origin: SPA } })
      expect(response.headers.get('access-control-allow-origin')).toBeNull()
    } finally {
      await idp.close()
    }
  })

  it('refuses an origin with a path or a trailing slash, naming the path', () => {
    expect(() => parseConfig({ cors: { origins: ['http://localhost:5173/'] } })).toThrow(ConfigError)
    expect(() => parseConfig({ cors: { origins: ['http://localhost:5173/'] } })).toThrow(/cors\.origins\[0\]/)
    expect(() => parseConfig({ cors: { origins: ['*'] } })).not.toThrow()
  })
})
