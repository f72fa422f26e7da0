import { beforeAll, describe, expect, it } from 'vitest'
import { ManualClock } from '../clock.js'
import { parseConfig } from '../config/load.js'
import { createProvider, type Provider } from '../provider.js'
import { claimsForScope } from './claims.js'

let provider: Provider

beforeAll(async () => {
  provider = await createProvider(
    parseConfig({
      users: [
        {
          username: 'carol',
          password: 'pw',
          sub: 'carol-sub',
          claims: { name: 'Carol', email: 'carol@example.com', email_verified: true, sub: 'spoofed', nickname: null },
        },
      ],
      clients: [],
      scopes: { openid: ['sub'], profile: ['name', 'nickname', 'given_name'], email: ['email', 'email_verified'] },
    }),
    { issuer: 'https://op.example', clock: new ManualClock(0) },
  )
})

describe('claims by scope', () => {
  it('returns only sub for the openid scope', () => {
    expect(claimsForScope(provider, 'carol-sub', ['openid'])).toEqual({ sub: 'carol-sub' })
  })

  it('releases the claims of each granted scope from the user', () => {
    expect(claimsForScope(provider, 'carol-sub', ['openid', 'email'])).toEqual({
      sub: 'carol-sub',
      email: 'carol@example.com',
      email_verified: true,
    })
  })

  it('omits claims the user does not have, including null ones', () => {
    expect(claimsForScope(provider, 'carol-sub', ['openid', 'profile'])).toEqual({ sub: 'carol-sub', name: 'Carol' })
  })

  it('never lets a user claim override the subject', () => {
    expect(claimsForScope(provider, 'carol-sub', ['openid', 'profile']).sub).toBe('carol-sub')
  })

  it('ignores scopes that release no configured claims', () => {
    expect(claimsForScope(provider, 'carol-sub', ['openid', 'unknown'])).toEqual({ sub: 'carol-sub' })
  })

  it('returns only sub for a subject that is no longer in the directory', () => {
    expect(claimsForScope(provider, 'gone', ['openid', 'email'])).toEqual({ sub: 'gone' })
  })
})
