/**
 * A gatherer drives the target (all I/O lives here) and produces named pieces of evidence.
 * Gatherers may ask for other evidence through `context.need`, which runs each gatherer at most
 * once per run and shares its result.
 */
import type { LoginDriver } from '../drivers/driver.js'
import type { ConcurrentByDesign } from './concurrent-by-design.js'
import type { Evidence, EvidenceKey } from './evidence.js'
import type { HttpClient } from './http-client.js'
import type { TargetFile } from './target.js'

export interface GatherContext {
  target: TargetFile
  http: HttpClient
  driver: LoginDriver
  /** The evidence named `key`, gathering it first if needed. Throws EvidenceUnavailable or DriveError. */
  need<K extends EvidenceKey>(key: K): Promise<Evidence[K]>
  /** Runs `task` within the run's concurrency limit for flows (logins are the expensive part). */
  limit<T>(task: () => Promise<T>): Promise<T>
  /**
   * Sends the requests of `task` simultaneously, alone against the target, even in serial mode:
   * only for a declared exemption (concurrent-by-design.ts). `task` must not `need` evidence
   * that is not gathered yet (that would run inside the burst).
   */
  simultaneously<T>(exemption: ConcurrentByDesign, task: () => Promise<T>): Promise<T>
}

export interface Gatherer<K extends EvidenceKey = EvidenceKey> {
  id: string
  provides: K[]
  gather: (context: GatherContext) => Promise<{ [P in K]: Evidence[P] }>
}

export type AnyGatherer = Gatherer<EvidenceKey>

export function defineGatherer<K extends EvidenceKey>(gatherer: Gatherer<K>): AnyGatherer {
  return gatherer as unknown as AnyGatherer
}
