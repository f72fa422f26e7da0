/**
 * The engine's retries and root causes, with gatherers that do no network I/O (their exchanges
 * are recorded by hand) and an injected sleep, so nothing here waits or depends on timing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { type AnyCheck, defineCheck, pass } from './check.js'
import { DriveError, type EvidenceKey } from './evidence.js'
import { type AnyGatherer, defineGatherer, type GatherContext } from './gatherer.js'
import { runSuite } from './run-suite.js'
import { parseTargetFile, type TargetFile } from './target.js'

const ISSUER = 'https://op.example'

function target(login?: unknown): TargetFile {
  return parseTargetFile({
    name: 'unit',
    issuer: ISSUER,
    clients: [{ client_id: 'client', client_secret: 'client-secret', redirect_uris: ['https://rp.example/cb'] }],
    users: [{ username: 'alice', password: 'alice-password' }],
    ...(login ? { login } : {}),
  })
}

/** A login module that refuses, as a server refusing the password would make the form driver do. */
function refusingLoginModule(): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'codeflow-engine-'))
  const file = join(dir, 'login.mjs')
  writeFileSync(file, 'export default async () => { throw new Error("the credentials were not accepted") }\n')
  return { driver: 'module', module: file }
}

const discovery = defineGatherer({
  id: 'discovery',
  provides: ['discovery' as EvidenceKey],
  gather: async () => ({ discovery: { endpoints: {} } }) as never,
})

function recordAnswer(context: GatherContext, label: string, status: number, headers: Record<string, string> = {}) {
  context.http.record({
    label,
    request: { method: 'POST', url: `${ISSUER}/token`, headers: {} },
    response: { status, headers, body: status >= 500 ? 'database is locked' : '{}' },
    durationMs: 1,
  })
}

function gatherer(id: string, key: string, gather: (context: GatherContext) => Promise<unknown>): AnyGatherer {
  return defineGatherer({
    id,
    provides: [key as EvidenceKey],
    gather: async (context) => ({ [key]: await gather(context) }) as never,
  })
}

function check(id: string, needs: string[], evaluate: AnyCheck['evaluate'] = () => pass()): AnyCheck {
  return defineCheck({
    id,
    title: id,
    area: 'code',
    level: 'MUST',
    spec: ['RFC6749-4.1.2'],
    needs: needs as EvidenceKey[],
    evaluate,
  })
}

function sleeps(): { sleep: (ms: number) => Promise<void>; waited: number[] } {
  const waited: number[] = []
  return { waited, sleep: async (ms) => void waited.push(ms) }
}

it('retries a setup that met a 5xx, with backoff, and its checks pass when it succeeds', async () => {
  let attempts = 0
  const flaky = gatherer('happy-flow', 'happyFlow', async (context) => {
    attempts++
    if (attempts < 3) {
      recordAnswer(context, 'happy flow: redeem the code', 500)
      throw new DriveError('happy flow: the token endpoint answered 500 to a valid code exchange')
    }
    recordAnswer(context, 'happy flow: redeem the code', 200)
    return {}
  })
  const { sleep, waited } = sleeps()
  const run = await runSuite({
    target: target(),
    checks: [check('code.a', ['happyFlow']), check('code.b', ['happyFlow'])],
    gatherers: [discovery, flaky],
    retry: { sleep },
  })
  expect(attempts).toBe(3)
  expect(waited).toEqual([250, 1000])
  expect(run.results.map((result) => result.outcome)).toEqual(['passed', 'passed'])
  expect(run.rootCauses).toEqual([])
})

it('does not retry a deterministic failure, and names one cause for every check it stopped', async () => {
  let attempts = 0
  const happy = gatherer('happy-flow', 'happyFlow', async (context) => {
    attempts++
    recordAnswer(context, 'happy flow: redeem the code', 400)
    throw new DriveError('happy flow: the token endpoint answered 400 to a valid code exchange')
  })
  const dependent = gatherer('code-replay', 'codeReplay', async (context) => context.need('happyFlow' as never))
  const { sleep, waited } = sleeps()
  const run = await runSuite({
    target: target(),
    checks: [check('code.a', ['happyFlow']), check('code.b', ['codeReplay']), check('code.c', ['happyFlow'])],
    gatherers: [discovery, happy, dependent],
    retry: { sleep },
  })
  expect(attempts).toBe(1)
  expect(waited).toEqual([])
  expect(run.rootCauses).toHaveLength(1)
  const [cause] = run.rootCauses
  expect(cause).toMatchObject({
    id: 'http:POST /token 400',
    step: 'happy flow: redeem the code',
    attempts: 1,
    blocked: ['code.a', 'code.b', 'code.c'],
  })
  expect(cause?.message).toContain('the token endpoint answered 400')
  expect(cause?.exchanges.map((exchange) => exchange.response?.status)).toEqual([400])
  for (const result of run.results) {
    expect(result.outcome).toBe('error')
    expect(result.rootCause).toBe('http:POST /token 400')
    expect(result.exchanges.map((exchange) => exchange.label)).toEqual(['happy flow: redeem the code'])
  }
})

it('gives up after the last attempt and says how many there were', async () => {
  const broken = gatherer('refresh-grant', 'refreshGrant', async (context) => {
    recordAnswer(context, 'refresh: grant', 503)
    throw new DriveError('refresh: the token endpoint answered 503')
  })
  const { sleep, waited } = sleeps()
  const run = await runSuite({
    target: target(),
    checks: [check('rt.a', ['refreshGrant'])],
    gatherers: [discovery, broken],
    retry: { sleep },
  })
  expect(waited).toEqual([250, 1000])
  expect(run.rootCauses[0]).toMatchObject({ id: 'http:POST /token 503', attempts: 3, blocked: ['rt.a'] })
  expect(run.rootCauses[0]?.message).toContain('(after 3 attempts)')
  expect(run.rootCauses[0]?.hint).toContain('--concurrency 1')
})

it('does not wait longer than the bound when Retry-After asks for more, and says so', async () => {
  const limited = gatherer('happy-flow', 'happyFlow', async (context) => {
    recordAnswer(context, 'happy flow: authorization request', 429, { 'retry-after': '120' })
    throw new DriveError('happy flow: the authorization server stopped on a page (HTTP 429)')
  })
  const { sleep, waited } = sleeps()
  const run = await runSuite({
    target: target(),
    checks: [check('code.a', ['happyFlow'])],
    gatherers: [discovery, limited],
    retry: { sleep },
  })
  expect(waited).toEqual([])
  expect(run.rootCauses[0]?.message).toContain('asked to retry after 120 s (Retry-After)')
})

it('makes one cause of a login refused the same way in several steps', async () => {
  const login = (id: string, key: string) =>
    gatherer(id, key, (context) =>
      context.driver.authorize({
        url: `${ISSUER}/authorize?state=${id}`,
        user: context.target.users[0]!,
        jar: context.http.newJar(),
        clientUris: ['https://rp.example/cb'],
        label: id,
      }),
    )
  const { sleep } = sleeps()
  const run = await runSuite({
    target: target(refusingLoginModule()),
    checks: [check('code.a', ['happyFlow']), check('pkce.b', ['pkceScenarios']), check('state.c', ['stateScenarios'])],
    gatherers: [
      discovery,
      login('happy-flow', 'happyFlow'),
      login('pkce', 'pkceScenarios'),
      login('state', 'stateScenarios'),
    ],
    retry: { sleep },
  })
  expect(run.rootCauses).toHaveLength(1)
  expect(run.rootCauses[0]?.id).toMatch(/^login:module:[0-9a-f]{8}$/)
  expect(run.rootCauses[0]?.step).toBe('sign in as "alice" with the module login driver')
  expect(run.rootCauses[0]?.blocked).toEqual(['code.a', 'pkce.b', 'state.c'])
  expect(new Set(run.results.map((result) => result.rootCause))).toEqual(new Set([run.rootCauses[0]?.id]))
})

it('gives a check that throws a cause of its own, with the exchanges of its evidence', async () => {
  const happy = gatherer('happy-flow', 'happyFlow', async (context) => {
    recordAnswer(context, 'happy flow: redeem the code', 200)
    return {}
  })
  const run = await runSuite({
    target: target(),
    checks: [
      check('code.throws', ['happyFlow'], () => {
        throw new TypeError('cannot read "sub"')
      }),
      check('code.fine', ['happyFlow']),
    ],
    gatherers: [discovery, happy],
  })
  expect(run.results.map((result) => result.outcome)).toEqual(['error', 'passed'])
  expect(run.rootCauses).toEqual([
    expect.objectContaining({
      id: 'check:code.throws',
      message: 'the check itself threw: cannot read "sub"',
      blocked: ['code.throws'],
    }),
  ])
  expect(run.results[0]?.rootCause).toBe('check:code.throws')
  expect(run.results[0]?.exchanges.map((exchange) => exchange.label)).toEqual(['happy flow: redeem the code'])
})

it('makes one cause of one refusal met by several steps, and names the step otherwise', async () => {
  const refused = (id: string, key: string) =>
    gatherer(id, key, async (context) => {
      context.http.record({
        label: `${id}: redeem the code`,
        request: { method: 'POST', url: `${ISSUER}/token?x=1`, headers: {} },
        response: { status: 401, headers: {}, body: '{"error":"invalid_client"}' },
        durationMs: 1,
      })
      throw new DriveError(`${id}: the token endpoint answered 401 to a valid code exchange`)
    })
  const unexpectedPage = gatherer('session', 'sessionFlows', async (context) => {
    recordAnswer(context, 'session: authorization request', 200)
    throw new DriveError('session: the authorization server stopped on a page (HTTP 200)')
  })
  const run = await runSuite({
    target: target(),
    checks: [check('code.a', ['happyFlow']), check('rt.b', ['refreshChain']), check('session.c', ['sessionFlows'])],
    gatherers: [
      discovery,
      refused('happy-flow', 'happyFlow'),
      refused('refresh-chain', 'refreshChain'),
      unexpectedPage,
    ],
  })
  expect(run.rootCauses.map(({ id, blocked }) => ({ id, blocked }))).toEqual([
    { id: 'gather:session', blocked: ['session.c'] },
    { id: 'http:POST /token 401 invalid_client', blocked: ['code.a', 'rt.b'] },
  ])
  expect(run.rootCauses[1]?.hint).toContain('client_secret')
})

it('copies the artifacts a driver left on its DriveError into the cause', async () => {
  const browser = gatherer('happy-flow', 'happyFlow', async () => {
    throw new DriveError('no login form on the page', { artifacts: { screenshot: '/tmp/cf/login.png' } })
  })
  const run = await runSuite({
    target: target(),
    checks: [check('code.a', ['happyFlow'])],
    gatherers: [discovery, browser],
  })
  expect(run.rootCauses[0]?.artifacts).toEqual({ screenshot: '/tmp/cf/login.png' })
})
