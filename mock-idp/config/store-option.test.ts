/** The `store` option (docs/several-instances.md): its URL, what it requires and refuses, and CODEFLOW_IDP_STORE. */
import { expect, it } from 'vitest'
import { ConfigError, parseConfig, resolveConfig } from './load.js'

it('keeps state in memory unless store.url is set', () => {
  expect(parseConfig({}).store.url).toBeUndefined()
})

it('accepts a redis:// URL together with the issuer every instance serves', () => {
  const config = parseConfig({ issuer: 'https://idp.example', store: { url: 'redis://:pw@10.0.0.5:6379/2' } })
  expect(config.store.url).toBe('redis://:pw@10.0.0.5:6379/2')
})

it('refuses a store URL that is not redis:// or rediss://', () => {
  expect(() => parseConfig({ issuer: 'https://idp.example', store: { url: 'http://redis:6379' } })).toThrow(
    /store\.url.*redis:\/\/ or rediss:\/\//s,
  )
})

it('refuses store.url without an issuer, naming what to set', () => {
  expect(() => parseConfig({ store: { url: 'redis://127.0.0.1:6379/0' } })).toThrow(ConfigError)
  expect(() => parseConfig({ store: { url: 'redis://127.0.0.1:6379/0' } })).toThrow(/issuer.*load balancer/s)
})

it('refuses seed together with store.url, since every instance would mint the same codes', () => {
  expect(() =>
    parseConfig({ issuer: 'https://idp.example', seed: 'x', store: { url: 'redis://127.0.0.1:6379/0' } }),
  ).toThrow(/seed cannot be combined with store\.url/)
})

it('takes the store URL from CODEFLOW_IDP_STORE', () => {
  const config = resolveConfig({
    env: { CODEFLOW_IDP_STORE: 'redis://127.0.0.1:6380/1', CODEFLOW_IDP_ISSUER: 'https://idp.example' },
  })
  expect(config.store.url).toBe('redis://127.0.0.1:6380/1')
})
