/**
 * The typed evidence a run gathers, by name. Each gatherer module adds its own members through
 * declaration merging:
 *
 *   declare module '../harness/evidence.js' {
 *     interface Evidence { codeReplay: CodeReplayEvidence }
 *   }
 *
 * so a check's `needs` and its `evaluate` parameter are checked by the compiler.
 */

// biome-ignore lint/suspicious/noEmptyInterface: extended by declaration merging in every gatherer module.
export interface Evidence {}

export type EvidenceKey = keyof Evidence

/** Thrown by a gatherer when the target lacks what it needs: the checks that need it are skipped with the reason. */
export class EvidenceUnavailable extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'EvidenceUnavailable'
  }
}

/** Thrown when the suite could not drive the target (login page not understood, unexpected page): outcome `error`. */
export class DriveError extends Error {
  constructor(
    message: string,
    readonly detail?: unknown,
  ) {
    super(message)
    this.name = 'DriveError'
  }
}
