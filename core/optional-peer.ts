/**
 * Optional peer dependencies (package.json `peerDependenciesMeta`): packages codeflow uses only for
 * some features, from the partner's own install, so a partner never gets a second copy of a tool
 * they already have (two vitests break vitest's fixtures) nor a browser driver they did not ask
 * for. A feature that needs one that is not installed says so and how to install it, instead of
 * Node's `ERR_MODULE_NOT_FOUND` from deep inside.
 *
 *   installedVersion('vitest')                    → '4.1.12' | undefined
 *   await import('x').catch(rethrowMissingPeer('playwright-core', 'the browser login driver'))
 */
import { createRequire } from 'node:module'

export class MissingPeerDependency extends Error {
  constructor(
    readonly packageName: string,
    feature: string,
    /** The versions the feature works with, as an npm range (e.g. `~4.1`). */
    readonly range?: string,
  ) {
    const spec = range === undefined ? packageName : `${packageName}@${range}`
    super(`${feature} needs ${spec}, which is not installed: npm i -D ${spec}`)
    this.name = 'MissingPeerDependency'
  }
}

/** Whether `error` is Node failing to find the package itself (not a file inside it, nor another package). */
export function isMissingPackage(error: unknown, packageName: string): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, message } = error as { code?: unknown; message?: unknown }
  if (typeof message !== 'string') return false
  if (code === 'ERR_MODULE_NOT_FOUND') return message.includes(`Cannot find package '${packageName}'`)
  if (code === 'MODULE_NOT_FOUND') return message.includes(`Cannot find module '${packageName}'`)
  return false
}

/** For `import(…).catch(…)`: turns "package not found" into a MissingPeerDependency; rethrows anything else. */
export function rethrowMissingPeer(packageName: string, feature: string, range?: string): (error: unknown) => never {
  return (error) => {
    if (isMissingPackage(error, packageName)) throw new MissingPeerDependency(packageName, feature, range)
    throw error
  }
}

/**
 * The version of `packageName` that codeflow's own imports resolve to (resolved from this file, so
 * from the partner's node_modules when codeflow is installed there), or undefined when there is none.
 */
export function installedVersion(packageName: string, from: string | URL = import.meta.url): string | undefined {
  try {
    const { version } = createRequire(from)(`${packageName}/package.json`) as { version: string }
    return version
  } catch (error) {
    if (isMissingPackage(error, `${packageName}/package.json`)) return undefined
    throw error
  }
}
