/**
 * `codeflow idp` as a user starts it: a real process, a real port. By default no request may
 * switch a deviation on, and the start-up summary shows where the server is really bound;
 * `--allow-request-behaviours` is the explicit opt-in for test runs.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { afterEach, expect, it } from 'vitest'

const running: ChildProcess[] = []

afterEach(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      await exited
    }
  }
})

/** Starts `codeflow idp <args>` and resolves with its start-up summary once it says it is ready. */
async function startIdp(...args: string[]): Promise<{ summary: string; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'idp', '--port', '0', ...args], {
    env: { ...process.env, CODEFLOW_IDP_CONFIG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.push(child)
  let out = ''
  let err = ''
  child.stderr!.on('data', (chunk) => {
    err += chunk
  })
  const summary = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk
      if (out.includes('ready in')) resolve(out)
    })
    child.once('exit', (code) =>
      reject(new Error(`codeflow idp exited with ${code} before it was ready: ${err}${out}`)),
    )
  })
  const port = Number(/listening on +\S+:(\d+)/.exec(summary)?.[1])
  expect(port).toBeGreaterThan(0)
  return { summary, port }
}

it('refuses a request that names a behaviour, and says where it listens when bound to all interfaces', async () => {
  const { summary, port } = await startIdp('--host', '0.0.0.0')
  expect(summary).toMatch(new RegExp(`listening on +0\\.0\\.0\\.0:${port} \\(all interfaces\\)`))
  expect(summary).not.toMatch(/listening on +(http:\/\/)?127\.0\.0\.1/)
  expect(summary).toContain('requests naming one get invalid_request')
  const response = await fetch(`http://127.0.0.1:${port}/.well-known/openid-configuration?codeflow_behaviour=iss-wrong`)
  expect(response.status).toBe(400)
  expect(((await response.json()) as { error_description: string }).error_description).toContain(
    '--allow-request-behaviours',
  )
})

it('honours request behaviours with --allow-request-behaviours, and says so', async () => {
  const { summary, port } = await startIdp('--allow-request-behaviours')
  expect(summary).toMatch(/listening on +127\.0\.0\.1:\d+ \(loopback only\)/)
  expect(summary).toContain('REQUESTS MAY SWITCH DEVIATIONS ON')
  const response = await fetch(`http://127.0.0.1:${port}/.well-known/openid-configuration`, {
    headers: { 'codeflow-behaviour': 'iss-wrong' },
  })
  expect(response.status).toBe(200)
})

it('prints a target file whose issuer a client can reach when bound to all interfaces', async () => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'idp', '--host', '0.0.0.0', '--port', '9400', '--print-target'],
    { env: { ...process.env, CODEFLOW_IDP_CONFIG: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  running.push(child)
  let out = ''
  child.stdout!.on('data', (chunk) => {
    out += chunk
  })
  const [code] = await once(child, 'exit')
  expect(code).toBe(0)
  const target = JSON.parse(out) as { issuer: string; discovery: string }
  expect(target.issuer).toBe('http://127.0.0.1:9400')
  expect(target.discovery).toBe('http://127.0.0.1:9400/.well-known/openid-configuration')
})
