/**
 * Delivers an authorization response, success or error, to the client's redirection endpoint
 * (RFC 6749 §4.1.2, §4.1.2.1) in the requested response mode (OAuth 2.0 Multiple Response Type
 * Encoding Practices §2.1; OAuth 2.0 Form Post Response Mode §2), always with `iss` (RFC 9207).
 */

import type { ActiveBehaviours } from '../behaviours/active-behaviours.js'
import type { OAuthError } from '../errors.js'
import { errorDescriptionValue } from '../errors.js'
import type { EndpointResult } from '../http/endpoint-result.js'
import type { ResponseMode } from '../store/records.js'
import { formPostPage } from '../ui/form-post-page.js'

/** Where, and how, a response for one authorization request is sent. */
export interface ResponseTarget {
  redirectUri: string
  responseMode: ResponseMode
  state?: string
}

export type RedirectStatus = 302 | 303

/** RFC 6749 §4.1.2: code, then state when the client sent one; RFC 9207 §2: iss. */
export function successResponse(
  target: ResponseTarget,
  issuer: string,
  code: string,
  status: RedirectStatus,
  behaviours: ActiveBehaviours,
): EndpointResult {
  const fields = withStateAndIss([['code', code]], target, issuer)
  const response = behaviours.applyAuthorizationResponse(fields, seamContext('success', target, issuer))
  return deliver(target, response, status)
}

/**
 * RFC 6749 §4.1.2.1: error, error_description, and "state REQUIRED if a "state" parameter was
 * present in the client authorization request"; RFC 9207 §2: "iss" on error responses too.
 */
export function errorRedirect(
  target: ResponseTarget,
  issuer: string,
  error: OAuthError,
  status: RedirectStatus,
  behaviours: ActiveBehaviours,
): EndpointResult {
  // RFC 6749 §4.1.2.1: error_description "MUST NOT include characters outside the set %x20-21 /
  // %x23-5B / %x5D-7E" (descriptions here quote parameter names, so the raw text has '"').
  const description = behaviours.enforces('error-description-charset')
    ? errorDescriptionValue(error.description)
    : error.description
  const fields: Array<[string, string]> = [
    ['error', error.error],
    ['error_description', description],
  ]
  const withBoth = withStateAndIss(fields, target, issuer)
  const response = behaviours.applyAuthorizationResponse(withBoth, seamContext('error', target, issuer))
  return deliver(target, response, status)
}

function seamContext(outcome: 'success' | 'error', target: ResponseTarget, issuer: string) {
  return { outcome, issuer, state: target.state }
}

function withStateAndIss(fields: Array<[string, string]>, target: ResponseTarget, issuer: string) {
  // RFC 6749 §4.1.2: "The exact value received from the client." RFC 9207 §2: "iss REQUIRED".
  if (target.state !== undefined) fields.push(['state', target.state])
  fields.push(['iss', issuer])
  return fields
}

function deliver(target: ResponseTarget, fields: Array<[string, string]>, status: RedirectStatus): EndpointResult {
  switch (target.responseMode) {
    case 'query':
      return { kind: 'redirect', status, location: appendQuery(target.redirectUri, encodeFields(fields)) }
    case 'fragment':
      // The registered URI has no fragment (RFC 6749 §3.1.2, enforced by the config schema).
      return { kind: 'redirect', status, location: `${target.redirectUri}#${encodeFields(fields)}` }
    case 'form_post':
      return formPostPage(target.redirectUri, fields)
  }
}

/**
 * Percent-encodes with encodeURIComponent rather than form encoding, so a space in `state`
 * comes back as a space whether the client decodes with URLSearchParams or decodeURIComponent.
 */
export function encodeFields(fields: Array<[string, string]>): string {
  return fields.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&')
}

/**
 * RFC 6749 §3.1.2: the endpoint URI "MAY include an application/x-www-form-urlencoded formatted
 * … query component, which MUST be retained when adding additional query parameters". The
 * registered string is kept as is (no URL re-serialisation), so `https://client.example.org/cb?`
 * becomes `https://client.example.org/cb?code=…` and never `…/cb??code=…`.
 */
export function appendQuery(uri: string, query: string): string {
  if (query === '') return uri
  if (!uri.includes('?')) return `${uri}?${query}`
  return uri.endsWith('?') || uri.endsWith('&') ? `${uri}${query}` : `${uri}&${query}`
}

/** One rule for error descriptions, whether they travel in a redirect or a JSON body. */
export { errorDescriptionValue }
