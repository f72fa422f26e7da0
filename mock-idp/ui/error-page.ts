/**
 * The error page: shown instead of a redirect when the client or its redirect_uri could not be
 * validated (RFC 6749 §4.1.2.1: "the authorization server SHOULD inform the resource owner of
 * the error and MUST NOT automatically redirect the user-agent to the invalid redirection URI"),
 * and for broken login or consent submissions. The description says exactly what went wrong so
 * that a partner can fix the request from the page alone.
 *
 * Hooks: data-testid="error-page" (main), "error-code", "error-description".
 */
import type { OAuthError } from '../errors.js'
import type { EndpointResult } from '../http/endpoint-result.js'
import { escapeHtml } from './escape-html.js'
import { layout } from './layout.js'

export interface PageError {
  error: string
  description: string
  /** Further help (how to fix), shown below the description. */
  help?: string
}

export function errorPage(problem: PageError | OAuthError, status = 400): EndpointResult {
  const help = 'help' in problem ? problem.help : undefined
  const body = `<h1>Sign-in error</h1>
<p>The request could not be completed. The application was not notified.</p>
<p>Error: <code data-testid="error-code">${escapeHtml(problem.error)}</code></p>
<p class="detail error" data-testid="error-description">${escapeHtml(problem.description)}</p>
${help ? `<p class="detail" data-testid="error-help">${escapeHtml(help)}</p>` : ''}`
  return { kind: 'html', status, html: layout({ title: 'Sign-in error', body, testId: 'error-page' }) }
}

/** The page for an OAuthError caught in a front-channel endpoint (status 400, or the error's own 4xx). */
export function errorPageFor(error: OAuthError): EndpointResult {
  return errorPage(error, error.status >= 400 && error.status < 500 ? error.status : 400)
}
