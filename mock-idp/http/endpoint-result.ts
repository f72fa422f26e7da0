/**
 * What an endpoint returns, before it becomes an HTTP response. Endpoints build these; only
 * `http/respond.ts` turns them into web-standard Responses.
 */

export interface SetCookie {
  name: string
  value: string
  /** Seconds; 0 deletes the cookie. */
  maxAge?: number
  path?: string
  httpOnly?: boolean
  sameSite?: 'Lax' | 'Strict' | 'None'
  secure?: boolean
}

interface Common {
  headers?: Record<string, string>
  cookies?: SetCookie[]
}

export type EndpointResult =
  | (Common & { kind: 'json'; status: number; body: unknown })
  | (Common & { kind: 'redirect'; location: string; status?: 302 | 303 })
  | (Common & { kind: 'html'; status: number; html: string })
  | (Common & { kind: 'empty'; status: number })

export const json = (body: unknown, status = 200, headers?: Record<string, string>): EndpointResult => ({
  kind: 'json',
  status,
  body,
  headers,
})

/** RFC 6749 §5.1: token responses "MUST include … Cache-Control: no-store … Pragma: no-cache". */
export const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const

export const noStoreJson = (body: unknown, status = 200, headers?: Record<string, string>): EndpointResult =>
  json(body, status, { ...NO_STORE, ...headers })
