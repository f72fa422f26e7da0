/** A command run to its end as a child process, its output collected; a non-zero exit is a result, not a throw. */
import { spawn } from 'node:child_process'

export interface Ran {
  /** null when a signal ended it (the timeout's SIGKILL among them). */
  code: number | null
  stdout: string
  stderr: string
}

export interface RunOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** Killed (SIGKILL) after this long: only to catch a hang; none by default. */
  timeoutMs?: number
}

export function runProcess(command: string, args: string[], options: RunOptions = {}): Promise<Ran> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.env ? { env: options.env } : {}),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    const timer =
      options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
    child.once('error', fail)
    // `close`, not `exit`: every byte of its output has arrived by then.
    child.once('close', (code) => {
      clearTimeout(timer)
      done({ code, stdout, stderr })
    })
  })
}
