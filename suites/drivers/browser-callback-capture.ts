/**
 * Captures the authorization response where it reaches the client, in the browser, and never
 * lets it go there (redirect URIs need not resolve). Two sources, the first one wins:
 *
 * - a 3xx response whose Location is at one of the client's redirect URIs (RFC 6749 §4.1.2: the
 *   usual way back, whether it answers a GET or a form POST): read from the response, so the
 *   status and a fragment (response_mode=fragment) are known;
 * - any document request to the client's origins: paused with the CDP Fetch domain and answered
 *   with an empty page of ours. This covers a script that sets `location.href`, a meta refresh and
 *   a form_post page (OAuth 2.0 Form Post Response Mode §2: a form POSTed to the client), and
 *   keeps a followed redirect from reaching the network;
 * - a navigation a script starts to a client URI with a scheme of its own (a native app's), seen
 *   as the frame's navigation request: no HTTP request is ever made for it.
 *
 * Why the CDP Fetch domain and not `page.route`: Playwright does not call route handlers for the
 * target of a redirect (microsoft/playwright#2617, documented at page.route), and the callback is
 * usually reached by a 302/303 from the server. Fetch.requestPaused fires for redirect hops.
 */
import type { CDPSession, Page } from 'playwright-core'
import { isClientUri } from './callback.js'

/** A page of ours, shown where the client would be: empty icon, so nothing else is fetched. */
const CLIENT_PAGE = '<!doctype html><title>client</title><link rel="icon" href="data:,">'

export interface CapturedCallback {
  /** The URL the browser was sent to, fragment included. */
  url: string
  method: string
  /** The form body of a form_post. */
  postData?: string
  /** The status of the redirect that carried it. */
  redirectStatus?: number
}

export class CallbackCapture {
  #captured: CapturedCallback | undefined
  #seen!: () => void
  /** Resolves when the response reached the client. */
  readonly seen: Promise<void> = new Promise((resolve) => {
    this.#seen = resolve
  })

  private constructor(
    private readonly page: Page,
    private readonly clientUris: string[],
  ) {}

  static async attach(page: Page, clientUris: string[]): Promise<CallbackCapture> {
    const capture = new CallbackCapture(page, clientUris)
    page.on('response', (response) => {
      const location = response.headers().location
      const status = response.status()
      if (status < 300 || status >= 400 || !location || !response.request().isNavigationRequest()) return
      let target: string
      try {
        target = new URL(location, response.url()).toString()
      } catch {
        return
      }
      if (!isClientUri(target, clientUris)) return
      // RFC 9110 §15.4: 307 and 308 repeat the method (and body); the others become a GET.
      const method = status === 307 || status === 308 ? response.request().method() : 'GET'
      capture.#capture({ url: target, method, redirectStatus: status })
    })
    await capture.#intercept()
    return capture
  }

  get captured(): CapturedCallback | undefined {
    return this.#captured
  }

  #capture(found: CapturedCallback): void {
    if (this.#captured) {
      // The same arrival seen from the other source: keep what only this one knows.
      this.#captured = {
        ...this.#captured,
        ...(this.#captured.redirectStatus === undefined && found.redirectStatus !== undefined
          ? { redirectStatus: found.redirectStatus, url: found.url }
          : {}),
      }
      return
    }
    this.#captured = found
    this.#seen()
  }

  /**
   * The capture, once complete: a GET caught at the client's door may still be waiting for its
   * redirect's response event (the status and fragment come from it); that event is emitted before
   * the client page commits, so the commit is awaited (bounded by `timeoutMs`).
   */
  async complete(timeoutMs: number): Promise<CapturedCallback | undefined> {
    const found = this.#captured
    // A client URI of the app's own scheme is never loaded: there is no commit to wait for.
    if (!found || found.redirectStatus !== undefined || found.method !== 'GET' || !/^https?:/i.test(found.url))
      return found
    if (!isClientUri(this.page.mainFrame().url(), this.clientUris)) {
      await this.page
        .waitForURL((url) => isClientUri(url.toString(), this.clientUris), { waitUntil: 'commit', timeout: timeoutMs })
        .catch(() => {})
    }
    return this.#captured
  }

  /** The client's redirection endpoints are answered here; everything else goes to the network. */
  async #intercept(): Promise<void> {
    const cdp: CDPSession = await this.page.context().newCDPSession(this.page)
    const origins = [
      ...new Set(
        this.clientUris.flatMap((uri) => {
          if (!URL.canParse(uri)) return []
          const { origin, protocol } = new URL(uri)
          return protocol === 'http:' || protocol === 'https:' ? [origin] : []
        }),
      ),
    ]
    // A script or meta refresh sending the browser to a client URI with a scheme of its own
    // (a native app's, RFC 8252 §7.1) makes no HTTP request: the navigation request is all there is.
    cdp.on('Page.frameRequestedNavigation', (event) => {
      if (!/^https?:/i.test(event.url) && isClientUri(event.url, this.clientUris))
        this.#capture({ url: event.url, method: 'GET' })
    })
    await cdp.send('Page.enable')
    if (origins.length === 0) return
    cdp.on('Fetch.requestPaused', (event) => {
      const { url, method, urlFragment } = event.request
      if (event.resourceType === 'Document' && isClientUri(url, this.clientUris)) {
        const postData = requestBody(event.request)
        this.#capture({ url: `${url}${urlFragment ?? ''}`, method, ...(postData === undefined ? {} : { postData }) })
        cdp
          .send('Fetch.fulfillRequest', {
            requestId: event.requestId,
            responseCode: 200,
            responseHeaders: [{ name: 'Content-Type', value: 'text/html; charset=utf-8' }],
            body: Buffer.from(CLIENT_PAGE).toString('base64'),
          })
          .catch(() => {})
      } else {
        cdp.send('Fetch.continueRequest', { requestId: event.requestId }).catch(() => {})
      }
    })
    await cdp.send('Fetch.enable', {
      patterns: origins.map((origin) => ({ urlPattern: `${origin}/*`, requestStage: 'Request' as const })),
    })
  }
}

/** The request body as CDP hands it over: inline, or in entries (base64) when large. */
function requestBody(request: { postData?: string; postDataEntries?: Array<{ bytes?: string }> }): string | undefined {
  if (request.postData !== undefined) return request.postData
  if (!request.postDataEntries) return undefined
  return request.postDataEntries.map((entry) => Buffer.from(entry.bytes ?? '', 'base64').toString('utf8')).join('')
}
