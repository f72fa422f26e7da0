/**
 * Loads one of the CLI's own ES modules with `require` when running from the build. Node (20.19+,
 * 22.12+) can `require` an ES module graph: it reads and compiles the files synchronously, where
 * `import()` reads each one through an asynchronous file handle. For the 45 modules `codeflow
 * idp` needs before its first answer that is about 8 ms of CPU less at every start
 * (docs/performance.md). The module instances are the same ones `import()` returns later. From
 * the sources (tests, tsx), or where `require` cannot load the graph (top-level await, an older
 * Node), it is a plain `import()`.
 */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const built = import.meta.url.endsWith('.js')

/** `specifier` is relative to this file (src/cli/). */
export async function loadModule<T>(specifier: string): Promise<T> {
  if (built) {
    try {
      return require(specifier) as T
    } catch (error) {
      const code = (error as { code?: unknown }).code
      if (code !== 'ERR_REQUIRE_ASYNC_MODULE' && code !== 'ERR_REQUIRE_ESM') throw error
    }
  }
  return (await import(specifier)) as T
}
