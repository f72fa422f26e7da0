/**
 * A sign-in driver begins a sign-in at the app (`signIn.start`), completes the mock IdP's login and
 * consent pages, follows the way back to the app, and returns the page it ends on. Which of
 * success or refusal that page means is read elsewhere (outcome/read-outcome.ts).
 */
import type { Exchange } from '../../reports/run-result.js'

export interface FinalPage {
  status: number
  url: string
  /** The page's HTML (or text), at most MAX_PAGE_CHARS of it. */
  body: string
}

export interface SignInResult {
  page: FinalPage
  /** The requests the driver made, redacted: the evidence of the sign-in. */
  exchanges: Exchange[]
  /** Every URL the sign-in passed through, unredacted, to look for tokens in URLs (never reported). */
  urls: string[]
}

export interface SignInContext {
  start: string
  /** The issuer: its pages are the mock's login, consent and error pages. */
  issuer: string
  user: { username: string; password: string }
  signal: AbortSignal
}

export interface SignInDriver {
  signIn(context: SignInContext): Promise<SignInResult>
  close(): Promise<void>
}

export class SignInError extends Error {
  constructor(
    message: string,
    readonly exchanges: Exchange[] = [],
  ) {
    super(message)
    this.name = 'SignInError'
  }
}

export const MAX_PAGE_CHARS = 200_000
/** Response bodies kept as evidence per exchange. */
export const MAX_EVIDENCE_CHARS = 4_000
