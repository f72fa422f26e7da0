/** Following a redirect by hand (the form driver and the logout flow walk redirects one hop at a time). */

/** The next request of a hand-driven walk through the server's pages. */
export interface NextRequest {
  method: string
  url: string
  form?: URLSearchParams
}

/** The request a redirect to `target` leads to: 307 and 308 repeat the method and body; the others become GET (RFC 9110 §15.4). */
export function afterRedirect(request: NextRequest, status: number, target: string): NextRequest {
  return status === 307 || status === 308 ? { ...request, url: target } : { method: 'GET', url: target }
}
