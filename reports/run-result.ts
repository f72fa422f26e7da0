/**
 * The run-result contract: what a run of checks produces (the conformance suite, and any other
 * producer of results) and what every report is built from. It imports nothing of ours above
 * core/, so the suite, the reports and the CLI all depend on it and it depends on none of them.
 */

/** MUST → failed, SHOULD → warning, MAY (and policy) → informational, unless the target's policy says otherwise. */
export type Level = 'MUST' | 'SHOULD' | 'MAY'

/**
 * passed, failed, warning, skipped (with the reason), error (the suite could not drive the
 * target — never reported as a conformance failure).
 */
export type Outcome = 'passed' | 'failed' | 'warning' | 'skipped' | 'error'

export interface CheckResult {
  id: string
  title: string
  area: string
  level: Level
  spec: string[]
  outcome: Outcome
  /** True for a MAY/policy observation reported as passed with a note. */
  informational?: boolean
  message?: string
  expected?: unknown
  actual?: unknown
  exchanges: Exchange[]
  durationMs: number
  /** For an `error`: the id of the RootCause (in SuiteRun.rootCauses) that stopped this check. */
  rootCause?: string
}

/**
 * Why checks could not be judged, once: a failed shared setup (the happy flow, a sign-in, a
 * refresh grant) after its retries, with the redacted exchanges up to the failure. Every check in
 * `error` names one; reports group errors by it instead of repeating the message per check.
 */
export interface RootCause {
  /** Stable within a run, e.g. `gather:happy-flow` or `driver:browser`. */
  id: string
  /** What the suite was doing, in the user's terms ("sign in once for the scenarios"). */
  step: string
  message: string
  /** How many times the step was tried (retries are bounded, with backoff). */
  attempts: number
  /** The exchanges up to the failure, redacted. */
  exchanges: Exchange[]
  /** Ids of the checks that ended in `error` because of it. */
  blocked: string[]
  /** Files the driver left for the user (absolute paths until the report writer copies them next to the report). */
  artifacts?: { screenshot?: string; trace?: string }
  /** Advice: what to change in the target file or on the server. */
  hint?: string
}

/**
 * The target failed under parallel load while the same step succeeded when retried alone: the
 * rest of the run went serial. Reported once, as a robustness observation, not as errors.
 */
export interface RobustnessFinding {
  /** The request that failed under load (its label, e.g. "happy flow: redeem the code"). */
  step: string
  /** How many requests overlapped the failed one, itself included. */
  concurrency: number
  message: string
  exchanges: Exchange[]
}

export interface Exchange {
  id: number
  /** What the suite was doing, e.g. "token: redeem the code a second time". */
  label: string
  request: {
    method: string
    url: string
    headers: Record<string, string>
    body?: string
    /** Set when `body` holds only the start of the body sent. */
    truncated?: BodyTruncation
  }
  response?: {
    status: number
    headers: Record<string, string>
    body: string
    /** Set when `body` holds only the start of the body received (it ends with a "…[truncated: …]" marker). */
    truncated?: BodyTruncation
  }
  /** Set when no response came back (timeout, connection refused), or its body did not arrive whole. */
  error?: string
  durationMs: number
}

export interface BodyTruncation {
  /** Bytes of the body kept in `body`, before the marker. */
  keptBytes: number
  /** The whole body's size in bytes, when known (it was read whole, or Content-Length said). */
  totalBytes?: number
  /** Set when reading stopped at this limit (limits.maxResponseBytes): the body was larger. */
  readLimit?: number
}

export type RunKind = 'server' | 'client'

/** One run of the checks against one target: every check's result, why any could not be judged, and how the target held up. */
export interface SuiteRun {
  /**
   * What was judged: an authorization server (`codeflow run`, the default when absent) or a client
   * application signed in through the mock IdP (`codeflow client`).
   */
  kind?: RunKind
  target: { name: string; issuer: string }
  startedAt: string
  finishedAt: string
  results: CheckResult[]
  /** Why checks ended in `error`, each once (see RootCause). */
  rootCauses: RootCause[]
  /** Set when the run fell back to serial execution because the target failed under parallel load. */
  robustness: RobustnessFinding[]
}
