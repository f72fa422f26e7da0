/**
 * The module driver's contract: a login module returns the callback URL, or the page the server
 * stopped on (`{ kind: 'page', status, url, body }`); anything else is a clear DriveError naming
 * what was expected. Modules are real files, loaded the way `codeflow run` loads them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { HttpClient } from '../harness/http-client.js'
import { parseTargetFile } from '../harness/target.js'
import type { AuthorizeInput } from './driver.js'
import { ModuleDriver } from './module-driver.js'

async function runModule(source: string, input: Partial<AuthorizeInput> = {}) {
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
    ...input,
  })
}

/** A server that answers every request with `answer` and remembers what it was sent. */
async function serve(
  answer: (
    request: IncomingMessage,
    body: string,
  ) => { status: number; headers?: Record<string, string>; body?: string },
) {
  const seen: Array<{ method: string; url: string; body: string }> = []
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString()
    })
    request.on('end', () => {
      seen.push({ method: request.method!, url: request.url!, body })
      const { status, headers, body: text } = answer(request, body)
      response.writeHead(status, headers).end(text)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  servers.push(server)
  return { url: `http://127.0.0.1:${port}`, seen }
}

const servers: Server[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
})

/** Follows redirects from the authorization URL until the client, posting the password as JSON on the way when told to. */
const FOLLOWING_MODULE = `export default async ({ authorizationUrl, user, request }) => {
  let url = authorizationUrl
  for (let step = 0; step < 5; step++) {
    const answer = await request({ url })
    const location = answer.headers.get('location')
    if (!location) return { kind: 'page', status: answer.status, url, body: answer.text }
    if (location.startsWith('https://client.example/')) return location
    url = new URL(location, url).href
    if (url.endsWith('/login')) {
      const api = await request({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: user.password }) })
      return new URL(api.headers.get('location'), url).href
    }
  }
  throw new Error('too many redirects')
}`

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
    sawLogin: false,
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

it('counts a login only when the module sent the password: a session or prompt=none comes back without one', async () => {
  const op = await serve((request) =>
    request.url!.startsWith('/authorize?prompt=none')
      ? { status: 302, headers: { location: 'https://client.example/cb?error=login_required' } }
      : request.url!.startsWith('/authorize')
        ? { status: 302, headers: { location: '/login' } }
        : { status: 303, headers: { location: 'https://client.example/cb?code=c0de' } },
  )
  const silent = await runModule(FOLLOWING_MODULE, { url: `${op.url}/authorize?prompt=none` })
  expect(silent).toMatchObject({ kind: 'callback', params: { error: 'login_required' }, sawLogin: false })
  const signedIn = await runModule(FOLLOWING_MODULE, { url: `${op.url}/authorize?client_id=c` })
  expect(signedIn).toMatchObject({ kind: 'callback', params: { code: 'c0de' }, sawLogin: true })
  expect(op.seen.map((request) => request.method)).toEqual(['GET', 'GET', 'POST'])
})

it("sends the module's first GET of the authorization URL as the form POST a scenario asks for", async () => {
  const op = await serve((request) =>
    request.method === 'POST'
      ? { status: 302, headers: { location: 'https://client.example/cb?code=c0de&state=s' } }
      : { status: 405 },
  )
  const result = await runModule(FOLLOWING_MODULE, {
    url: `${op.url}/authorize`,
    method: 'POST',
    form: { client_id: 'c', state: 's' },
  })
  expect(result).toMatchObject({ kind: 'callback', params: { code: 'c0de', state: 's' } })
  expect(op.seen).toEqual([{ method: 'POST', url: '/authorize', body: 'client_id=c&state=s' }])
})

it('says so when a module never requests the authorization URL a POST scenario gave it', async () => {
  await expect(
    runModule(`export default async () => 'https://client.example/cb?code=c'`, {
      url: 'https://op.example/authorize',
      method: 'POST',
      form: { client_id: 'c' },
    }),
  ).rejects.toThrow('the login module never requested the authorization URL it was given')
})

it('reads a page the module returns that posts the response to the client as a form_post response', async () => {
  const body = `<form method="post" action="https://client.example/cb"><input type="hidden" name="code" value="c0de"><input type="hidden" name="state" value="s"></form>`
  const result = await runModule(
    `export default async ({ authorizationUrl }) => ({ kind: 'page', status: 200, url: authorizationUrl, body: ${JSON.stringify(body)} })`,
  )
  expect(result).toMatchObject({ kind: 'callback', mode: 'form_post', params: { code: 'c0de', state: 's' } })
})
