// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${…} is the client target file's placeholder syntax.
import { expect, it } from 'vitest'
import { parseClientTarget } from './client-target.js'
import { fillPlaceholders } from './placeholders.js'

const minimal = {
  name: 'app',
  client: { redirect_uris: ['http://127.0.0.1:{port}/callback'] },
  signIn: { start: 'http://127.0.0.1:{port}/login' },
  outcome: { success: { status: 200 } },
}

it('fills the defaults of a minimal client target file', () => {
  const target = parseClientTarget(minimal, {})
  expect(target.client.token_endpoint_auth_method).toBe('client_secret_basic')
  expect(target.client.scope).toBe('openid profile email')
  expect(target.signIn.driver).toBe('http')
  expect(target.timeouts).toEqual({ signIn: 15_000, app: 20_000 })
})

it('replaces ${ENV} references and names the path of an unset one', () => {
  const withSecret = { ...minimal, client: { ...minimal.client, client_secret: '${APP_SECRET}' } }
  expect(parseClientTarget(withSecret, { APP_SECRET: 's3cret-value' }).client.client_secret).toBe('s3cret-value')
  expect(() => parseClientTarget(withSecret, {})).toThrow(
    'client.client_secret: environment variable APP_SECRET is not set',
  )
})

it('rejects an unknown key with its path and the closest known key', () => {
  expect(() => parseClientTarget({ ...minimal, app: { comand: 'node app.js' } }, {})).toThrow(
    /app: unknown key\(s\) comand \(did you mean "command"\?\)/,
  )
})

it('names the path of a value of the wrong type', () => {
  expect(() => parseClientTarget({ ...minimal, timeouts: { signIn: 'soon' } }, {})).toThrow(/timeouts\.signIn: /)
  expect(() => parseClientTarget({ ...minimal, client: { redirect_uris: [] } }, {})).toThrow(/client\.redirect_uris: /)
})

it('refuses a success outcome with no matcher and a refusal regex that does not compile', () => {
  expect(() => parseClientTarget({ ...minimal, outcome: { success: {} } }, {})).toThrow(
    /outcome\.success: give at least one/,
  )
  expect(() =>
    parseClientTarget({ ...minimal, outcome: { success: { status: 200 }, refusal: { log: '(unclosed' } } }, {}),
  ).toThrow(/outcome\.refusal\.log: not a regular expression/)
})

it('refuses a client secret for a public client and a module driver without a module', () => {
  expect(() =>
    parseClientTarget(
      { ...minimal, client: { ...minimal.client, token_endpoint_auth_method: 'none', client_secret: 'x' } },
      {},
    ),
  ).toThrow(/client\.client_secret: a public client/)
  expect(() => parseClientTarget({ ...minimal, signIn: { driver: 'module', start: 'http://x/' } }, {})).toThrow(
    /signIn\.module: the module driver needs "module"/,
  )
})

it('fills known placeholders, leaves other braces alone and names a placeholder without a value', () => {
  expect(fillPlaceholders('{"a":1} {issuer}/x:{port}', { issuer: 'http://i', port: '80' }, 'app.env.X')).toBe(
    '{"a":1} http://i/x:80',
  )
  expect(() => fillPlaceholders('http://127.0.0.1:{port}/', {}, 'signIn.start')).toThrow(
    'signIn.start: {port} has no value in this run',
  )
})
