/** The package version, from the package's own package.json (found by core/package-root.ts). */
import { readFileSync } from 'node:fs'
import { packageFile } from './package-root.js'

export function version(): string {
  try {
    return (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version
  } catch {
    return '0.0.0'
  }
}
