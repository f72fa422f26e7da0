/**
 * `server.overlap: "fail"`: the mock behaves like a development server backed by SQLite on one
 * thread, which answers a request that arrives while another is being served with a 500
 * "database is locked". A request that arrives alone is served normally. It is a counter, not a
 * queue: nothing waits, so nothing piles up.
 */
import { ServerError } from '../errors.js'
import type { EndpointResult } from './endpoint-result.js'
import { oauthErrorResult } from './respond.js'

export class InFlight {
  #count = 0

  /** Takes the one slot, or false when a request already holds it. */
  enter(): boolean {
    if (this.#count > 0) return false
    this.#count++
    return true
  }

  leave(): void {
    this.#count--
  }
}

export const DATABASE_LOCKED = 'database is locked'

/** The 500 of a locked database: JSON for clients, the error page for a person's browser. */
export async function lockedResult(page: boolean): Promise<EndpointResult> {
  if (!page) return oauthErrorResult(new ServerError(DATABASE_LOCKED))
  const { errorPage } = await import('../ui/error-page.js')
  return errorPage({ error: 'server_error', description: DATABASE_LOCKED }, 500)
}
