import { describe, expect, it } from 'vitest'
import { stepInput, withClient } from '../../../test/support/authorize-input.js'
import { InvalidRedirectTarget } from '../../errors.js'
import { checkRedirectUri } from './check-redirect-uri.js'

const single = {
  clients: [
    {
      client_id: 'one',
      client_secret: 'secret',
      redirect_uris: ['https://rp.example/cb'],
    },
  ],
}

function run(query: Record<string, string> | string, clientId = 's6BhdRkqt3', config = {}) {
  const input = stepInput(query, config)
  return checkRedirectUri(input, withClient(input, clientId))
}

function failure(query: Record<string, string> | string, clientId = 's6BhdRkqt3', config = {}): InvalidRedirectTarget {
  try {
    run(query, clientId, config)
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRedirectTarget)
    return error as InvalidRedirectTarget
  }
  throw new Error('expected check-redirect-uri to fail')
}

describe('check-redirect-uri', () => {
  it('accepts a redirect_uri equal to a registered one', () => {
    expect(run({ redirect_uri: 'https://client.example.org/cb' }).redirectUri).toBe('https://client.example.org/cb')
  })

  it("accepts the integration guide's registered spelling with a trailing '?' exactly", () => {
    expect(run({ redirect_uri: 'https://client.example.org/cb?' }).redirectUri).toBe('https://client.example.org/cb?')
  })

  it("says the received value differs only by a trailing '/' from a registered one", () => {
    const error = failure({ redirect_uri: 'https://client.example.org/cb/' })
    expect(error.description).toContain('"https://client.example.org/cb/"')
    expect(error.description).toContain('Registered: "https://client.example.org/cb", "https://client.example.org/cb?"')
    expect(error.description).toContain('differs only by a trailing "/"')
  })

  it("says the received value lacks the trailing '?' of the registered one", () => {
    const error = failure({ redirect_uri: 'https://rp.example/cb' }, 'q', {
      clients: [{ client_id: 'q', client_secret: 's', redirect_uris: ['https://rp.example/cb?'] }],
    })
    expect(error.description).toContain('differs only by a trailing "?"')
    expect(error.description).toContain('the registered value "https://rp.example/cb?" ends with "?"')
  })

  it('compares case-sensitively and says when only the case differs', () => {
    expect(failure({ redirect_uri: 'https://CLIENT.example.org/cb' }).description).toContain('upper/lower case')
  })

  it('rejects a prefix match: comparison is exact, not by prefix', () => {
    const error = failure({ redirect_uri: 'https://client.example.org/cb/evil' })
    expect(error.error).toBe('invalid_request')
    expect(error.redirectable).toBe(false)
  })

  it('uses the only registered redirect URI when a plain OAuth request omits redirect_uri', () => {
    expect(run({ scope: 'profile' }, 'one', single).redirectUri).toBe('https://rp.example/cb')
  })

  it('requires redirect_uri for an OpenID Connect request even with one registered', () => {
    expect(failure({ scope: 'openid profile' }, 'one', single).description).toMatch(/OIDC Core §3\.1\.2\.1/)
  })

  it('requires redirect_uri when the client registered several', () => {
    expect(failure({ scope: 'profile' }).description).toContain('has 2 registered redirect URIs')
  })

  it('rejects a repeated redirect_uri with an error page', () => {
    const error = failure('redirect_uri=https://client.example.org/cb&redirect_uri=https://client.example.org/cb?')
    expect(error.description).toContain('more than once')
  })
})

describe('check-redirect-uri with one facet of exact matching waived', () => {
  const registered = 'https://client.example.org/cb'

  it('refuses every near-miss while no behaviour waives a rule', () => {
    for (const redirect_uri of [`${registered}/x`, `${registered}#f`, 'HTTPS://CLIENT.EXAMPLE.ORG/cb'])
      expect(failure({ redirect_uri }).error).toBe('invalid_request')
  })

  it('accepts a longer path only under redirect-uri-prefix-match', () => {
    const config = { behaviours: ['redirect-uri-prefix-match'] }
    expect(run({ redirect_uri: `${registered}/x` }, 's6BhdRkqt3', config).redirectUri).toBe(`${registered}/x`)
    expect(failure({ redirect_uri: 'HTTPS://CLIENT.EXAMPLE.ORG/cb' }, 's6BhdRkqt3', config).error).toBe(
      'invalid_request',
    )
  })

  it('accepts an added query only under redirect-uri-query-ignored', () => {
    const config = { behaviours: ['redirect-uri-query-ignored'] }
    expect(run({ redirect_uri: `${registered}?a=b` }, 's6BhdRkqt3', config).redirectUri).toBe(`${registered}?a=b`)
    expect(failure({ redirect_uri: `${registered}/x` }, 's6BhdRkqt3', config).error).toBe('invalid_request')
  })

  it('accepts another letter case only under redirect-uri-case-insensitive', () => {
    const config = { behaviours: ['redirect-uri-case-insensitive'] }
    expect(run({ redirect_uri: 'HTTPS://CLIENT.EXAMPLE.ORG/CB' }, 's6BhdRkqt3', config).redirectUri).toBe(
      'HTTPS://CLIENT.EXAMPLE.ORG/CB',
    )
  })

  it('drops an appended fragment under redirect-uri-fragment-accepted', () => {
    const config = { behaviours: ['redirect-uri-fragment-accepted'] }
    expect(run({ redirect_uri: `${registered}#f` }, 's6BhdRkqt3', config).redirectUri).toBe(registered)
  })

  it('defaults a missing redirect_uri of an OpenID request under redirect-uri-defaulted', () => {
    const config = { behaviours: ['redirect-uri-defaulted'] }
    expect(run({ scope: 'openid' }, 's6BhdRkqt3', config).redirectUri).toBe(registered)
  })
})
