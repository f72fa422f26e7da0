/** The package version, read once from package.json (works from the sources and from dist/). */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export function version(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  for (const candidate of [join(here, '../../package.json'), join(here, '../../../package.json')]) {
    try {
      return (JSON.parse(readFileSync(candidate, 'utf8')) as { version: string }).version
    } catch {}
  }
  return '0.0.0'
}
