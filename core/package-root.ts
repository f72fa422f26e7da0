/**
 * Where the package's own files are (package.json, fixtures/), found from this module's URL. The
 * one place that knows the layout: the sources run from `core/`, the build from `dist/core/`, an
 * installed package from `node_modules/codeflow/dist/core/`; in each, the package root is the
 * nearest folder above holding both `package.json` and `fixtures/` (both are published, see
 * package.json "files"). Nothing else guesses relative paths such as `../../fixtures`.
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export class PackageLayoutError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PackageLayoutError'
  }
}

/** The package root above `from` (default: this module's folder); throws when there is none. */
export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from
  // Bounded by the depth of the path: dirname of the file-system root is the root itself.
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'fixtures'))) return dir
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  throw new PackageLayoutError(`cannot find the codeflow package (package.json next to fixtures/) above ${from}`)
}

/** A file of the package: `packageFile('fixtures', 'keys', 'development.jwks.json')`. */
export function packageFile(...segments: string[]): string {
  return join(packageRoot(), ...segments)
}
