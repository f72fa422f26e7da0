/**
 * A Node request listener imported on the first request that needs it (server.ts: the routes, and
 * the app behind them), so that start-up loads neither. Requests that arrive while it loads wait
 * for it; once loaded it is called directly, without a promise per request. A failed import is
 * answered as a server error (`failed`) and tried again by the next request (load-once.ts).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import { loadOnce } from './load-once.js'

export interface ListenerOnFirstUse {
  listener: RequestListener
  /** Whether the listener has loaded (requests no longer wait for it). */
  loaded(): boolean
}

export function listenerOnFirstUse(
  load: () => Promise<RequestListener>,
  failed: (response: ServerResponse, error: unknown) => void,
): ListenerOnFirstUse {
  let ready: RequestListener | undefined
  const loading = loadOnce(async () => (ready = await load()))
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    if (ready) return ready(request, response)
    loading().then(
      (loaded) => loaded(request, response),
      (error: unknown) => failed(response, error),
    )
  }
  return { listener, loaded: () => ready !== undefined }
}
