import { expect, it } from 'vitest'
import { parseConfig } from './config/load.js'
import { endpointUrls } from './endpoint-urls.js'
import { createProvider } from './provider.js'

it('keeps a configured trailing slash in the issuer, and builds endpoint URLs without doubling it', async () => {
  const config = parseConfig({ issuer: 'https://idp.example/', log: { level: 'silent' } })
  const provider = await createProvider(config, { issuer: config.issuer! })
  expect(provider.issuer).toBe('https://idp.example/')
  const urls = endpointUrls(provider.issuer, config.paths)
  expect(urls.issuer).toBe('https://idp.example/')
  // OIDC Discovery §4: "any terminating / MUST be removed before appending /.well-known/openid-configuration".
  expect(urls.discovery).toBe('https://idp.example/.well-known/openid-configuration')
  expect(urls.token).toBe('https://idp.example/auth/token')
})

it('keeps an issuer with a path exactly as configured', async () => {
  const config = parseConfig({ issuer: 'https://idp.example/tenant-a', log: { level: 'silent' } })
  const provider = await createProvider(config, { issuer: config.issuer! })
  expect(endpointUrls(provider.issuer, config.paths).authorization).toBe('https://idp.example/tenant-a/oauth/authorize')
})
