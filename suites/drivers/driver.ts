/**
 * A login driver plays the user agent at the authorization endpoint: it logs in and consents as
 * needed, and stops at the redirect back to the client, which is captured and never followed
 * (so redirect URIs need not resolve).
 */
import type { CookieJar } from 'tough-cookie'
import type { Exchange } from '../../reports/run-result.js'
import { DriveError } from '../harness/evidence.js'
import type { TargetUser } from '../harness/target.js'

export interface AuthorizeInput {
  /** The full authorization request URL (GET), or the endpoint for a POST with `form`. */
  url: string
  method?: 'GET' | 'POST'
  form?: Record<string, string>
  user: TargetUser
  /** The session: the same jar continues a logged-in session; a new one is a fresh browser. */
  jar: CookieJar
  /** Where a redirect counts as "back at the client": origins+paths of the redirect URIs in play. */
  clientUris: string[]
  /** What the user does on the consent page (and, with `cancel`, on the login page). */
  decision?: 'approve' | 'deny' | 'cancel'
  /** Use a wrong password first. */
  wrongPasswordFirst?: boolean
  label: string
  /** Called with each response the driver goes through (drivers that cannot tell may not call it). */
  trace?: (step: DriverStep) => void
}

export type AuthorizeResult =
  | {
      kind: 'callback'
      /** The URL the browser was sent to (query / fragment carry the response). */
      url: string
      /** How the response came back: a redirect (`query`/`fragment`) or a form_post. */
      mode: 'query' | 'fragment' | 'form_post'
      params: Record<string, string>
      /** Every parameter occurrence, to detect duplicates (e.g. two `code` values). */
      allParams: Array<[string, string]>
      /** The HTTP status of the redirect that carried it (302, 303, 307 …). */
      redirectStatus?: number
      /** Whether a login page / consent page was shown on the way. */
      sawLogin: boolean
      sawConsent: boolean
      exchanges: Exchange[]
    }
  | {
      /** The server stopped on a page of its own (an error page, or a page the driver did not understand). */
      kind: 'page'
      status: number
      url: string
      html: string
      sawLogin: boolean
      exchanges: Exchange[]
    }

export interface LoginDriver {
  readonly name: string
  authorize(input: AuthorizeInput): Promise<AuthorizeResult>
  close?(): Promise<void>
}

/**
 * One response the driver went through and what it did with it: `codeflow doctor` and the
 * preflight print these, so a login that does not work says where and why.
 */
export interface DriverStep {
  /** The request that got this response (its URL redacted like the exchanges). */
  method: string
  url: string
  status: number
  /** The page's <title>, for an HTML page. */
  title?: string
  /** What the driver took the response for. */
  seen: DriverStepKind
  /** What it did next, in words ("filled username and password, submitted form#login"). */
  action: string
  /** The selectors it tried on this page, and whether they matched. */
  selectors: SelectorMatch[]
  /** For a page the driver stopped on: the forms, fields, buttons and links it holds. */
  inventory?: string[]
}

export type DriverStepKind =
  | 'redirect'
  | 'callback'
  | 'login'
  | 'password-step'
  | 'username-step'
  | 'consent'
  | 'interstitial'
  | 'page'

export interface SelectorMatch {
  /** The target file's setting, e.g. "login.consent.deny". */
  setting: string
  /** The selector tried; for an inferred one, a selector matching what was found. */
  selector?: string
  /** From the target file, the schema's default, or inferred from the page. */
  source: 'target file' | 'default' | 'inferred'
  matched: boolean
  /** When nothing matched: the elements of that kind the page has, each as a selector that would match it. */
  candidates?: string[]
}

/**
 * The page has no control for what the user was asked to do (cancel the login, deny consent), the
 * target file names none, and the driver found none by its labels: this server cannot be refused
 * that way as described. A scenario that may try another way (or skip) tells it from other
 * DriveErrors by this class.
 */
export class ControlNotFound extends DriveError {
  constructor(
    message: string,
    /** The target-file setting that would name the control. */
    readonly setting: 'login.cancel' | 'login.consent.deny',
  ) {
    super(message)
    this.name = 'ControlNotFound'
  }
}
