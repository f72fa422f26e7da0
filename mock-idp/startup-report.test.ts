import { expect, it } from 'vitest'
import { parseConfig } from './config/load.js'
import { describeBinding, issuerWarnings, startupReport } from './startup-report.js'
import { UserDirectory } from './users.js'

const LOOPBACK = { address: '127.0.0.1', port: 8080 }

async function reportFor(input: Parameters<typeof parseConfig>[0], bound = LOOPBACK, issuer = 'http://127.0.0.1:8080') {
  const config = parseConfig(input)
  return startupReport(config, issuer, bound, await UserDirectory.fromConfig(config))
}

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
  const report = startupReport(config, 'http://127.0.0.1:8080', LOOPBACK, await UserDirectory.fromConfig(config))
  expect(report).toContain('mine')
  expect(report).toContain('carol')
  expect(report).not.toContain('hunter2')
  const defaults = parseConfig({})
  const defaultReport = startupReport(
    defaults,
    'http://127.0.0.1:8080',
    LOOPBACK,
    await UserDirectory.fromConfig(defaults),
  )
  expect(defaultReport).toContain('gX1fBat3bV')
  expect(defaultReport).toContain('http://127.0.0.1:8080/.well-known/openid-configuration')
})

it('shows the address it is bound to: all interfaces, not the 127.0.0.1 it connects through', async () => {
  const report = await reportFor({ host: '0.0.0.0' }, { address: '0.0.0.0', port: 8080 })
  expect(report).toMatch(/listening on +0\.0\.0\.0:8080 \(all interfaces\)/)
  expect(report).not.toMatch(/listening on +(http:\/\/)?127\.0\.0\.1/)
  expect(report).toContain('the issuer http://127.0.0.1:8080 is a loopback URL other machines cannot use')
  expect(await reportFor({})).toMatch(/listening on +127\.0\.0\.1:8080 \(loopback only\)/)
})

it('writes IPv6 and other addresses as host:port', () => {
  expect(describeBinding({ address: '::', port: 80 })).toBe('[::]:80 (all interfaces)')
  expect(describeBinding({ address: '::1', port: 80 })).toBe('[::1]:80 (loopback only)')
  expect(describeBinding({ address: '10.0.0.5', port: 80 })).toBe('10.0.0.5:80')
})

it('says whether requests may switch deviations on, and warns when they may beyond loopback', async () => {
  const shared = await reportFor({})
  expect(shared).toContain('deviations       by configuration and the control API only')
  expect(shared).not.toContain('REQUESTS MAY SWITCH DEVIATIONS ON')
  const tooling = await reportFor({ allowRequestBehaviours: true })
  expect(tooling).toContain('REQUESTS MAY SWITCH DEVIATIONS ON')
  expect(tooling).not.toContain('anyone who can reach it')
  const exposed = await reportFor(
    { host: '0.0.0.0', allowRequestBehaviours: true, issuer: 'https://idp.example' },
    { address: '0.0.0.0', port: 8080 },
    'https://idp.example',
  )
  expect(exposed).toContain('anyone who can reach it can switch its rules off')
  expect(exposed).not.toContain('is a loopback URL')
})
