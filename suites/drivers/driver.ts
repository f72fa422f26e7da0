/**
 * A login driver plays the user agent at the authorization endpoint: it logs in and consents as
 * needed, and stops at the redirect back to the client, which is captured and never followed
 * (so redirect URIs need not resolve).
 */
import type { CookieJar } from 'tough-cookie'
import type { Exchange } from '../harness/exchange.js'
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
