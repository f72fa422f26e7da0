import { expect, it } from 'vitest'
import { parseConfig } from './config/load.js'
import { issuerWarnings, startupReport } from './startup-report.js'
import { UserDirectory } from './users.js'

it('warns about a trailing slash on the configured issuer', () => {
  const config = parseConfig({ issuer: 'https://idp.example/' })
  expect(issuerWarnings(config, 'https://idp.example/').join('\n')).toContain('ends with "/"')
})

it('warns when the discovery URL is used as the issuer', () => {
  const issuer = 'https://idp.example/.well-known/openid-configuration'
  expect(issuerWarnings(parseConfig({ issuer }), issuer).join('\n')).toContain('that is the discovery URL')
})

it('warns about a listen-all address and plain http on a public host', () => {
  expect(issuerWarnings(parseConfig({}), 'http://0.0.0.0:8080').join('\n')).toContain('listen-all address')
  expect(issuerWarnings(parseConfig({}), 'http://idp.example').join('\n')).toContain('http on a non-loopback host')
  expect(issuerWarnings(parseConfig({}), 'http://127.0.0.1:8080')).toEqual([])
  expect(issuerWarnings(parseConfig({}), 'http://127.attacker.example:8080').join('\n')).toContain(
    'http on a non-loopback host',
  )
})

it('prints the built-in credentials but never a configured secret or password', async () => {
  const config = parseConfig({
    clients: [{ client_id: 'mine', client_secret: 'hunter2-secret', redirect_uris: ['https://a.example/cb'] }],
    users: [{ username: 'carol', password: 'hunter2-password' }],
  })
  const report = startupReport(
    config,
    'http://127.0.0.1:8080',
    'http://127.0.0.1:8080',
    await UserDirectory.fromConfig(config),
  )
  expect(report).toContain('mine')
  expect(report).toContain('carol')
  expect(report).not.toContain('hunter2')
  const defaults = parseConfig({})
  const defaultReport = startupReport(
    defaults,
    'http://127.0.0.1:8080',
    'http://127.0.0.1:8080',
    await UserDirectory.fromConfig(defaults),
  )
  expect(defaultReport).toContain('gX1fBat3bV')
  expect(defaultReport).toContain('http://127.0.0.1:8080/.well-known/openid-configuration')
})
