/**
 * Whether the Codeflow build (dist/) exists and whether it is older than the mock-idp sources
 * (then the bench would measure stale code: the report says so).
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const builtServer = fileURLToPath(new URL('../dist/mock-idp/server.js', import.meta.url))
export const sourceServer = fileURLToPath(new URL('../mock-idp/server.ts', import.meta.url))
const sourceDir = fileURLToPath(new URL('../mock-idp/', import.meta.url))

export interface BuildStatus {
  exists: boolean
  /** True when some mock-idp/*.ts (tests aside) is newer than dist/mock-idp/server.js. */
  stale: boolean
}

export function codeflowBuild(): BuildStatus {
  if (!existsSync(builtServer)) return { exists: false, stale: false }
  return { exists: true, stale: newestSource(sourceDir) > statSync(builtServer).mtimeMs }
}

function newestSource(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path))
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}
