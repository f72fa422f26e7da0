/** Runs the `codeflow` command in process, capturing what it prints, for the CLI tests. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { vi } from 'vitest'
import { main } from '../main.js'

export async function codeflow(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk)
    return true
  })
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk)
    return true
  })
  try {
    const code = await main(['node', 'codeflow', ...args])
    return { code, stdout, stderr }
  } finally {
    vi.restoreAllMocks()
  }
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'codeflow-cli-'))
}

export function writeJson(dir: string, name: string, value: unknown): string {
  const file = join(dir, name)
  writeFileSync(file, JSON.stringify(value, null, 2))
  return file
}
