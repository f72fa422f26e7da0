/**
 * The example login module (json-api-login.mjs) against the JSON-API server it is written for:
 * it signs in and returns the callback; for an unregistered redirect_uri or an unknown client the
 * server shows a 403 page, which the module hands back as a page result, so the suite's
 * negative checks are judged (passed) instead of ending in `error`.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { checks, gatherers } from '../../suites/catalog.js'
import { createDriver } from '../../suites/drivers/create-driver.js'
import { HttpClient } from '../../suites/harness/http-client.js'
import { runSuite, targetSecrets } from '../../suites/harness/run-suite.js'
import { parseTargetFile, type TargetFile } from '../../suites/harness/target.js'
import { CLIENT, type JsonApiServer, startJsonApiServer, USER } from './json-api-server.js'

const HERE = fileURLToPath(new URL('.', import.meta.url))
let server: JsonApiServer

beforeAll(async () => {
  server = await startJsonApiServer()
})

afterAll(async () => {
  await server?.close()
})

function target(password = USER.password): TargetFile {
  return parseTargetFile({
    name: 'json-api',
    issuer: server.issuer,
    clients: [
      { client_id: CLIENT.client_id, client_secret: CLIENT.client_secret, redirect_uris: [CLIENT.redirect_uri] },
    ],
    users: [{ ...USER, password }],
    login: { driver: 'module', module: './json-api-login.mjs' },
  })
}

async function authorize(params: Record<string, string>, password?: string) {
  const file = target(password)
  const http = new HttpClient({ timeoutMs: 5_000, secrets: targetSecrets(file) })
  const driver = await createDriver(file, http, HERE)
  const url = `${server.issuer}/authorize?${new URLSearchParams({ response_type: 'code', client_id: CLIENT.client_id, redirect_uri: CLIENT.redirect_uri, state: 's-123', ...params })}`
  return driver.authorize({
    url,
    user: file.users[0]!,
    jar: http.newJar(),
    clientUris: [CLIENT.redirect_uri],
    label: 'example',
  })
}

it('signs in through the JSON API and returns the callback with the code and state', async () => {
  const result = await authorize({})
  if (result.kind !== 'callback') throw new Error(`expected a callback, got a ${result.status} page`)
  expect(result.params).toEqual({ code: server.codes.at(-1), state: 's-123' })
  expect(result.exchanges.map((exchange) => new URL(exchange.request.url).pathname)).toEqual([
    '/authorize',
    '/api/authn',
    '/api/consent',
  ])
})

it("hands back the server's 403 page for an unregistered redirect_uri as a page result", async () => {
  const result = await authorize({ redirect_uri: 'https://attacker.example/cb' })
  expect(result).toMatchObject({ kind: 'page', status: 403 })
  if (result.kind === 'page') expect(result.html).toContain('not allowed to sign in')
})

it('fails with the reason when the login API refuses the password', async () => {
  await expect(authorize({}, 'not-the-password')).rejects.toThrow(
    'the login module failed: the login API refused the password of user alice',
  )
})

it('lets the suite judge the unknown-client and unregistered-redirect_uri checks instead of ending in error', async () => {
  const ids = ['authz.client-id-unknown', 'authz.redirect-uri-unregistered']
  const run = await runSuite({
    target: target(),
    checks: checks.filter((check) => ids.includes(check.id)),
    gatherers,
    baseDir: HERE,
  })
  expect(run.results.map((result) => [result.id, result.outcome, result.message])).toEqual(
    ids.map((id) => [id, 'passed', expect.anything()]),
  )
})

it('is shown in full, as it is, in docs/login-drivers.md', () => {
  const module = readFileSync(new URL('./json-api-login.mjs', import.meta.url), 'utf8')
  const docs = readFileSync(new URL('../../docs/login-drivers.md', import.meta.url), 'utf8')
  expect(docs).toContain(`\`\`\`js\n${module}\`\`\`\n`)
})
