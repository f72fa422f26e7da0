/**
 * Before a conformance run starts its workers: the login driver starts (a missing browser, a
 * module that does not load) and the target answers its discovery (or first) request. Either
 * failing fails the run fast, with what was tried (exit 2), instead of one error per check.
 */
import { gatherers } from '../catalog.js'
import { runSuite } from '../harness/run-suite.js'
import type { TargetFile } from '../harness/target.js'

export async function preflight(target: TargetFile, baseDir: string): Promise<void> {
  await runSuite({ target, checks: [], gatherers, baseDir })
}
