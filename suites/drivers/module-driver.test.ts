/**
 * The module driver's contract: a login module returns the callback URL, or the page the server
 * stopped on (`{ kind: 'page', status, url, body }`); anything else is a clear DriveError naming
 * what was expected. Modules are real files, loaded the way `codeflow run` loads them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { HttpClient } from '../harness/http-client.js'
import { parseTargetFile } from '../harness/target.js'
import { ModuleDriver } from './module-driver.js'

async function runModule(source: string) {
  const dir = mkdtempSync(join(tmpdir(), 'codeflow-module-'))
  writeFileSync(join(dir, 'login.mjs'), source)
  const target = parseTargetFile({
    name: 'm',
    issuer: 'https://op.example',
    clients: [{ client_id: 'c', redirect_uris: ['https://client.example/cb'] }],
    users: [{ username: 'alice', password: 'pw' }],
    login: { driver: 'module', module: 'login.mjs' },
  })
  if (target.login.driver !== 'module') throw new Error('expected the module driver')
  const http = new HttpClient({ timeoutMs: 1_000, secrets: [] })
  const driver = await ModuleDriver.load(http, target.login, dir)
  return driver.authorize({
    url: 'https://op.example/authorize?client_id=c',
    user: target.users[0]!,
    jar: http.newJar(),
    clientUris: ['https://client.example/cb'],
    label: 'module',
  })
}

it('reads the callback URL a module returns', async () => {
  const result = await runModule(`export default async () => 'https://client.example/cb?code=abc&state=s'`)
  expect(result).toMatchObject({ kind: 'callback', mode: 'query', params: { code: 'abc', state: 's' } })
})

it('passes on the page a module reports the server stopped on, for the checks to judge', async () => {
  const result = await runModule(
    `export default async ({ authorizationUrl }) => ({ kind: 'page', status: 403, url: authorizationUrl, body: '<h1>Unknown client</h1>' })`,
  )
  expect(result).toEqual({
    kind: 'page',
    status: 403,
    url: 'https://op.example/authorize?client_id=c',
    html: '<h1>Unknown client</h1>',
    sawLogin: true,
    exchanges: [],
  })
})

it('says what a module must return when it returns something else', async () => {
  await expect(runModule(`export default async () => ({ url: 'x' })`)).rejects.toThrow(
    "the login module must return the callback URL (a string) or { kind: 'page', status, url, body }; it returned an object with keys url",
  )
  await expect(runModule(`export default async () => ({ kind: 'page', status: 'bad', url: 'x' })`)).rejects.toThrow(
    'the login module returned a page result without a valid "status" (an HTTP status), "url" (an absolute URL), "body" (a string)',
  )
  await expect(runModule(`export default async () => 'not a url'`)).rejects.toThrow(
    'the login module returned "not a url", which is not an absolute URL',
  )
})

it('bounds the page a module returns like a page the suite reads itself (limits.maxResponseBytes.page)', async () => {
  const result = await runModule(
    `export default async ({ authorizationUrl }) => ({ kind: 'page', status: 400, url: authorizationUrl, body: '<p>' + 'x'.repeat(3 * 1024 * 1024) })`,
  )
  if (result.kind !== 'page') throw new Error('expected a page')
  expect(result.html.startsWith('<p>xxx')).toBe(true)
  expect(result.html.endsWith(`…[truncated: ${3 * 1024 * 1024 + 3} bytes total]`)).toBe(true)
  expect(result.html.length).toBeLessThan(2 * 1024 * 1024 + 100)
})
