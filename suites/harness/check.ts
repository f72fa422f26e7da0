/**
 * A check is a small declarative unit: an id, the spec sentences it enforces, a level, the
 * evidence it needs, and a pure `evaluate` (docs/architecture.md "Adding a check"). Flows gather;
 * checks judge.
 */

import type { Exchange, Level } from '../../reports/run-result.js'
import type { ErrorCodeRule } from './error-code-rule.js'
import type { Evidence } from './evidence.js'
import type { TargetFile } from './target.js'

export const AREAS = {
  discovery: 'Discovery & metadata',
  authorization: 'Authorization request validation',
  state: 'state',
  code: 'Authorization code',
  token: 'Token endpoint & client authentication',
  pkce: 'PKCE',
  'id-token': 'ID token',
  userinfo: 'UserInfo',
  refresh: 'Refresh token',
  revocation: 'Revocation (RFC 7009)',
  introspection: 'Introspection (RFC 7662)',
  iss: 'RFC 9207 iss',
  session: 'prompt, max_age, id_token_hint',
  logout: 'RP-initiated logout',
  guide: 'Integration guide samples',
} as const

export type Area = keyof typeof AREAS

export interface Finding {
  message?: string
  expected?: unknown
  actual?: unknown
  /** The HTTP exchanges this verdict was judged on (already redacted). */
  exchanges?: readonly Exchange[]
}

export type Verdict =
  | ({ kind: 'pass' } & Finding)
  | ({ kind: 'fail' } & Finding & { message: string })
  /** A finding that is never more than a warning, whatever the level (e.g. a defensible but unusual error code). */
  | ({ kind: 'warn' } & Finding & { message: string })
  /** Reported, never failing: MAY-policy observations. */
  | ({ kind: 'info' } & Finding & { message: string })
  | { kind: 'skip'; reason: string }

export const pass = (message?: string, finding: Omit<Finding, 'message'> = {}): Verdict => ({
  kind: 'pass',
  message,
  ...finding,
})
export const fail = (message: string, finding: Omit<Finding, 'message'> = {}): Verdict => ({
  kind: 'fail',
  message,
  ...finding,
})
export const warn = (message: string, finding: Omit<Finding, 'message'> = {}): Verdict => ({
  kind: 'warn',
  message,
  ...finding,
})
export const info = (message: string, finding: Omit<Finding, 'message'> = {}): Verdict => ({
  kind: 'info',
  message,
  ...finding,
})
export const skip = (reason: string): Verdict => ({ kind: 'skip', reason })

export interface CheckContext {
  target: TargetFile
}

type Needed<K extends keyof Evidence> = { [P in K]: Evidence[P] }

export interface Check<K extends keyof Evidence = keyof Evidence> {
  /** Stable id: `<area prefix>.<name>`, as in the catalog (e.g. `token.invalid-client-basic-401`). */
  id: string
  title: string
  area: Area
  level: Level
  /** Spec reference tokens (core/spec-refs.ts). */
  spec: string[]
  needs: K[]
  /** Pure: no I/O, no clock, no randomness. */
  evaluate: (evidence: Needed<K>, context: CheckContext) => Verdict
  /** Which tools already check this (for suites/README.md's mapping table). */
  coveredBy?: { oidf?: string; oauch?: string }
  /**
   * The error codes the refusals it judges may carry, case by case, and whether another code
   * fails or only warns (docs/verdict-rules.md); `evaluate` judges with these same rules.
   */
  errorCodes?: readonly ErrorCodeRule[]
  /**
   * What in the target's registration or setup the verdict depends on (one vs several redirect
   * URIs, public vs confidential client, refresh tokens issued, remembered consent), in the words
   * the check's messages use (docs/verdict-rules.md).
   */
  dependsOnSetup?: string
}

export type AnyCheck = Check<keyof Evidence>

export function defineCheck<K extends keyof Evidence>(check: Check<K>): AnyCheck {
  return check as unknown as AnyCheck
}

/** A catalog row the suite does not implement, and why (it is listed in suites/README.md). */
export interface NotApplicable {
  id: string
  reason: string
}
