/**
 * Records every document request the browser makes (redirect hops included) as an Exchange
 * through the run's HttpClient, so it is redacted like any other. Requests to the client are not
 * recorded: they never leave the browser (browser-callback-capture.ts).
 */
import type { Page, Request } from 'playwright-core'
import type { Exchange } from '../../reports/run-result.js'
import type { HttpClient } from '../harness/http-client.js'
import { isClientUri } from './callback.js'

export class ExchangeRecorder {
  readonly #exchanges: Exchange[] = []
  readonly #pending: Array<Promise<void>> = []
  readonly #started = new Map<Request, number>()
  /** Document requests started and not yet finished or failed. */
  readonly #open = new Set<Request>()
  #onSettle: (() => void) | undefined

  constructor(
    page: Page,
    private readonly http: HttpClient,
    private readonly label: string,
    private readonly clientUris: string[],
  ) {
    page.on('request', (request) => {
      if (request.resourceType() !== 'document' || isClientUri(request.url(), clientUris)) return
      this.#started.set(request, performance.now())
      this.#open.add(request)
    })
    const done = (request: Request, failed: boolean) => {
      this.#pending.push(this.#record(request, failed))
      if (this.#open.delete(request) && this.#open.size === 0) this.#onSettle?.()
    }
    page.on('requestfinished', (request) => done(request, false))
    page.on('requestfailed', (request) => done(request, true))
  }

  /**
   * The exchanges, in request order, once every document request seen so far has finished (a
   * redirect hop's "finished" may arrive just after the response that ended the flow); waits at
   * most `timeoutMs`, then gives what it has.
   */
  async exchanges(timeoutMs: number): Promise<Exchange[]> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => resolve(), timeoutMs)
    })
    const finished = new Promise<void>((resolve) => {
      this.#onSettle = resolve
      if (this.#open.size === 0) resolve()
    })
    await Promise.race([finished.then(() => Promise.all(this.#pending)), timeout])
    clearTimeout(timer)
    this.#onSettle = undefined
    return [...this.#exchanges].sort((a, b) => a.id - b.id)
  }

  async #record(request: Request, failed: boolean): Promise<void> {
    if (request.resourceType() !== 'document' || isClientUri(request.url(), this.clientUris)) return
    const response = failed ? null : await request.response().catch(() => null)
    const status = response?.status()
    let body = ''
    if (response && status !== undefined && (status < 300 || status >= 400))
      body = await response.text().catch(() => '')
    const postData = request.postData()
    const exchange = this.http.record({
      label: `${this.label}: browser ${request.method()} ${new URL(request.url()).pathname}`,
      request: {
        method: request.method(),
        url: request.url(),
        headers: await request.allHeaders().catch(() => request.headers()),
        ...(postData === null ? {} : { body: postData }),
      },
      ...(response
        ? { response: { status: response.status(), headers: await response.allHeaders().catch(() => ({})), body } }
        : { error: request.failure()?.errorText ?? 'failed' }),
      durationMs: performance.now() - (this.#started.get(request) ?? performance.now()),
    })
    this.#exchanges.push(exchange)
  }
}
