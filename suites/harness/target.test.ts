// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${…} is the target file's placeholder syntax, not a template string.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { loadTargetFile, parseTargetFile, TargetFileError } from './target.js'

const minimal = {
  name: 'op',
  issuer: 'https://op.example.com',
  clients: [{ client_id: 'c1', client_secret: '${OP_SECRET}', redirect_uris: ['https://client.example.org/cb'] }],
  users: [{ username: 'alice', password: '${ALICE_PW}' }],
}

it('substitutes ${ENV} references and fills the defaults', () => {
  const target = parseTargetFile(minimal, { OP_SECRET: 's3cr3t', ALICE_PW: 'wonderland' })
  expect(target.clients[0]).toMatchObject({
    client_secret: 's3cr3t',
    token_endpoint_auth_method: 'client_secret_basic',
  })
  expect(target.users[0]!.password).toBe('wonderland')
  expect(target.login.driver).toBe('form')
  expect(target.policy).toMatchObject({ pkce_plain: 'forbid', profile: 'rfc9700', slow_checks: false })
})

it('names the path of a reference to an unset environment variable', () => {
  expect(() => parseTargetFile(minimal, { ALICE_PW: 'x' })).toThrow(
    'clients[0].client_secret: environment variable OP_SECRET is not set',
  )
  expect(() => parseTargetFile(minimal, { OP_SECRET: 'x' })).toThrow(
    'users[0].password: environment variable ALICE_PW is not set',
  )
})

it('requires the authorization and token endpoints when discovery is false', () => {
  const env = { OP_SECRET: 'x', ALICE_PW: 'y' }
  expect(() => parseTargetFile({ ...minimal, discovery: false }, env)).toThrow(
    'endpoints: "authorization" and "token" are required when discovery is false',
  )
  const plain = parseTargetFile(
    {
      ...minimal,
      discovery: false,
      endpoints: { authorization: 'https://op.example.com/a', token: 'https://op.example.com/t' },
    },
    env,
  )
  expect(plain.endpoints.token).toBe('https://op.example.com/t')
})

it('names the path of every invalid or unknown member', () => {
  const env = { OP_SECRET: 'x', ALICE_PW: 'y' }
  const bad = { ...minimal, issuer: 'not a url', clients: [{ ...minimal.clients[0], redirect_uri: 'x' }] }
  let error: unknown
  try {
    parseTargetFile(bad, env)
  } catch (caught) {
    error = caught
  }
  expect(error).toBeInstanceOf(TargetFileError)
  expect((error as Error).message).toContain('issuer: must be an absolute URL')
  expect((error as Error).message).toContain('clients[0]: unknown key(s) redirect_uri')
})

it('names the file when it cannot be read or is not JSON', () => {
  const dir = mkdtempSync(join(tmpdir(), 'codeflow-target-'))
  const broken = join(dir, 'broken.json')
  writeFileSync(broken, '{ "name": ')
  expect(() => loadTargetFile(broken)).toThrow(`Target file "${broken}" is not valid JSON`)
  expect(() => loadTargetFile(join(dir, 'missing.json'))).toThrow(
    `Cannot read target file "${join(dir, 'missing.json')}": ENOENT`,
  )
})

it('defaults login to the form driver, also when the login settings omit "driver"', () => {
  const env = { OP_SECRET: 'x', ALICE_PW: 'y' }
  expect(parseTargetFile(minimal, env).login).toEqual({
    driver: 'form',
    form: 'form',
    password: 'input[type=password]',
  })
  const login = parseTargetFile({ ...minimal, login: { form: 'form#login', consent: { deny: 'a.deny' } } }, env).login
  expect(login).toMatchObject({ driver: 'form', form: 'form#login', consent: { deny: 'a.deny' } })
})

it('suggests the known key an unknown one is probably a typo of, at every depth', () => {
  const env = { OP_SECRET: 'x', ALICE_PW: 'y' }
  const bad = {
    ...minimal,
    polcy: {},
    clients: [{ ...minimal.clients[0], redirect_uri: 'x' }],
    login: { driver: 'browser', step: [], steps: [{ fil: '#user', value: 'x' }] },
  }
  expect(() => parseTargetFile(bad, env)).toThrow(
    [
      '  - clients[0]: unknown key(s) redirect_uri (did you mean "redirect_uris"?)',
      '  - login.steps[0]: unknown key(s) fil (did you mean "fill"?)',
      '  - login: unknown key(s) step (did you mean "steps"?)',
      '  - (root): unknown key(s) polcy (did you mean "policy"?)',
    ].join('\n'),
  )
  // The form driver's keys, not the browser driver's: "usernme" → "username", nothing for a word far from every key.
  expect(() => parseTargetFile({ ...minimal, login: { usernme: 'x', zzzzzzzz: 'y' } }, env)).toThrow(
    /login: unknown key\(s\) usernme \(did you mean "username"\?\), zzzzzzzz$/m,
  )
})

it('names the login drivers when "driver" is not one of them', () => {
  expect(() => parseTargetFile({ ...minimal, login: { driver: 'forms' } }, { OP_SECRET: 'x', ALICE_PW: 'y' })).toThrow(
    'login.driver: must be "form" (the default), "browser" or "module"',
  )
})

it('refuses a form driver selector that is not valid CSS, naming the setting', () => {
  expect(() =>
    parseTargetFile({ ...minimal, login: { consent: { deny: 'form[[' } } }, { OP_SECRET: 'x', ALICE_PW: 'y' }),
  ).toThrow('login.consent.deny: must be a valid CSS selector')
})

it('bounds what the runner reads by default, and takes limits per kind from the target file', () => {
  const env = { OP_SECRET: 'x', ALICE_PW: 'y' }
  expect(parseTargetFile(minimal, env).limits).toEqual({
    maxResponseBytes: { metadata: 1_048_576, api: 1_048_576, page: 2_097_152 },
    maxEvidenceBytes: 65_536,
  })
  const raised = parseTargetFile({ ...minimal, limits: { maxResponseBytes: { metadata: 4_194_304 } } }, env)
  expect(raised.limits.maxResponseBytes).toEqual({ metadata: 4_194_304, api: 1_048_576, page: 2_097_152 })
})

it('refuses a limit that is no bound, naming its path', () => {
  const env = { OP_SECRET: 'x', ALICE_PW: 'y' }
  expect(() => parseTargetFile({ ...minimal, limits: { maxResponseBytes: { api: 1e12 } } }, env)).toThrow(
    /limits\.maxResponseBytes\.api: Too big/,
  )
  expect(() => parseTargetFile({ ...minimal, limits: { maxEvidenceBytes: 0 } }, env)).toThrow(
    /limits\.maxEvidenceBytes: Too small/,
  )
})
