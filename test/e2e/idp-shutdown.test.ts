/**
 * `codeflow idp` stops gracefully on SIGTERM (docs/control-api-and-limits.md, "Graceful
 * shutdown"): a request held by a 20 s delayMs override no longer keeps the process alive, and
 * a request under way when the signal arrives still gets its answer.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { openSocket } from '../../mock-idp/test-support/raw-http.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const DELAY_MS = 20_000
let child: ChildProcess | undefined

afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

/** Resolves with the first match of `pattern` in what the CLI prints. */
function printed(process: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = ''
    const onData = (chunk: Buffer) => {
      out += String(chunk)
      const match = pattern.exec(out)
      if (match) {
        process.stdout!.off('data', onData)
        resolve(match)
      }
    }
    process.stdout!.on('data', onData)
    process.once('exit', (code) =>
      reject(new Error(`codeflow idp exited (${code}) before printing ${pattern}:\n${out}`)),
    )
  })
}

/** The exit code, or a failure once `boundMs` has passed without an exit. */
function exitWithin(process: ChildProcess, boundMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running ${boundMs} ms after SIGTERM`)), boundMs)
    process.once('exit', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
  })
}

async function queuedOverrides(url: string): Promise<number> {
  return ((await (await fetch(`${url}/_codeflow/overrides`)).json()) as unknown[]).length
}

/** Waits (bounded) until the mock has taken queued overrides down to `count`: their requests are under way. */
async function untilOverridesLeft(url: string, count: number): Promise<void> {
  for (let attempt = 0; attempt < 200 && (await queuedOverrides(url)) > count; attempt++) {}
  expect(await queuedOverrides(url)).toBe(count)
}

describe('codeflow idp on SIGTERM', () => {
  it('exits before a pending 20 s delayMs elapses, answering the delayed request and one whose body was still arriving', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'idp', '--port', '0', '--control'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr!.on('data', (chunk) => {
      stderr += String(chunk)
    })
    const url = (await printed(child, /issuer\s+(http:\/\/\S+)[\s\S]*ready in/))[1]!
    const control = (body: unknown) =>
      fetch(`${url}/_codeflow/use`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect((await control({ endpoint: 'jwks', delayMs: DELAY_MS })).status).toBe(201)
    // Taken when a token request starts, before its body is read: it shows the request is under way.
    expect((await control({ claims: { marker: 'under-way' } })).status).toBe(201)

    const delayed = fetch(`${url}/.well-known/jwks.json`).then(
      (response) => response.status,
      () => 'connection closed',
    )
    const body = 'grant_type=authorization_code'
    const upload = await openSocket(
      url,
      `POST /auth/token HTTP/1.1\r\nHost: ${new URL(url).host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\ngrant_type=`,
    )
    let answer = ''
    upload.setEncoding('latin1')
    upload.on('data', (chunk: string) => {
      answer += chunk
    })
    const uploadClosed = new Promise((resolve) => upload.once('close', resolve))
    await untilOverridesLeft(url, 0)

    const exited = exitWithin(child, DELAY_MS / 2)
    const stopping = printed(child, /SIGTERM: stopping/)
    child.kill('SIGTERM')
    await stopping
    upload.write(body.slice('grant_type='.length))

    expect(await exited).toBe(0)
    expect(await delayed).toBe(200)
    await uploadClosed
    expect(answer).toMatch(/^HTTP\/1\.1 401 /)
    expect(answer).toMatch(/"error":"invalid_client"/)
    expect(stderr).toBe('')
  })
})
