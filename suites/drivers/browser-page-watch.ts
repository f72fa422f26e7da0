/**
 * What the browser driver knows about the page it drives, without waiting for the "load" event:
 *
 * - navigations: every document the main frame commits (a POST answered at the same URL is a new
 *   document too, so "the URL changed" is never the signal — a commit is);
 * - the HTTP status of the current document;
 * - whether the page has settled: loaded, no fetch/XMLHttpRequest in flight, no short timer
 *   pending, no navigation under way. An init script counts these inside the page (a login form
 *   inserted by a script after a fetch and a timer is not missed), and only a page that shows
 *   nothing the driver recognises is ever waited for to settle.
 */
import type { Page, Request } from 'playwright-core'

/** The handle the init script leaves on `window`. */
interface InPageWatch {
  /** How many fetch/XMLHttpRequest calls the page has started. */
  activity(): number
  /** Resolves once the page is loaded and quiet across two animation frames. */
  idle(): Promise<void>
  /** Resolves once a fetch/XHR started after `since` has finished and the page is quiet again. */
  answered(since: number): Promise<void>
  /** A navigation away from this document has started. */
  leaving(): boolean
}

declare global {
  interface Window {
    __codeflowWatch?: InPageWatch
  }
}

/**
 * The init script: runs in every document before its own scripts. Plain JavaScript source, not a
 * function, so no compiler helper can sneak into it. Timers longer than `limitMs` (pollers,
 * session keep-alives) do not count: the page is settled while they wait.
 */
export function pageWatchScript(limitMs: number): string {
  return `(() => {
  if (window.__codeflowWatch) return
  const limitMs = ${Math.max(0, Math.floor(limitMs))}
  const nativeSetTimeout = window.setTimeout.bind(window)
  const nativeClearTimeout = window.clearTimeout.bind(window)
  const timers = new Set()
  let inFlight = 0
  let started = 0
  let leaving = false
  let waiters = []
  const changed = () => {
    const waiting = waiters
    waiters = []
    for (const waiter of waiting) waiter()
  }
  window.setTimeout = function (handler, delay, ...args) {
    if (typeof handler !== 'function' || (Number(delay) || 0) > limitMs) return nativeSetTimeout(handler, delay, ...args)
    const id = nativeSetTimeout(function (...callArgs) {
      timers.delete(id)
      try { return handler.apply(this, callArgs) } finally { changed() }
    }, delay, ...args)
    timers.add(id)
    return id
  }
  window.clearTimeout = function (id) {
    timers.delete(id)
    nativeClearTimeout(id)
    changed()
  }
  const finished = () => { inFlight--; changed() }
  const nativeFetch = window.fetch
  if (typeof nativeFetch === 'function') {
    window.fetch = function (...args) {
      inFlight++
      started++
      const pending = nativeFetch.apply(this, args)
      pending.then(finished, finished)
      return pending
    }
  }
  const nativeSend = XMLHttpRequest.prototype.send
  XMLHttpRequest.prototype.send = function (...args) {
    inFlight++
    started++
    this.addEventListener('loadend', finished, { once: true })
    return nativeSend.apply(this, args)
  }
  // A form.submit(), a location change or a meta refresh under way: the next document is coming.
  addEventListener('beforeunload', () => { leaving = true })
  document.addEventListener('readystatechange', changed)
  const quiet = () => document.readyState === 'complete' && timers.size === 0 && inFlight === 0 && !leaving
  // Animation frames do not run in a hidden page: a short native timer stands in for one there.
  const frame = () => new Promise((resolve) => { requestAnimationFrame(() => resolve()); nativeSetTimeout(resolve, 100) })
  const until = async (condition) => {
    for (;;) {
      // Two frames: what a finished request or timer renders is in the DOM by then.
      await frame()
      await frame()
      if (condition()) return
      await new Promise((resolve) => waiters.push(resolve))
    }
  }
  Object.defineProperty(window, '__codeflowWatch', {
    value: {
      activity: () => started,
      idle: () => until(quiet),
      answered: (since) => until(() => started > since && inFlight === 0 && timers.size === 0 && !leaving),
      leaving: () => leaving,
    },
  })
})()`
}

/** Main-frame commits and the current document's status, seen from Node. */
export class PageWatch {
  #navigations = 0
  #status: number | undefined
  #listeners = new Set<() => void>()
  /** Main-frame navigation requests not yet committed, finished or failed. */
  readonly #underway = new Set<Request>()

  constructor(private readonly page: Page) {
    page.on('request', (request) => {
      if (request.isNavigationRequest() && isMainFrame(page, request)) this.#underway.add(request)
    })
    page.on('requestfinished', (request) => this.#underway.delete(request))
    page.on('requestfailed', (request) => this.#underway.delete(request))
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return
      this.#navigations++
      this.#underway.clear()
      for (const listener of this.#listeners) listener()
    })
    page.on('response', (response) => {
      const request = response.request()
      if (!request.isNavigationRequest() || !isMainFrame(page, request)) return
      const status = response.status()
      if (status < 300 || status >= 400) this.#status = status
    })
  }

  /** How many documents the main frame has committed so far. */
  get navigations(): number {
    return this.#navigations
  }

  /** The HTTP status of the last document the main frame received. */
  get status(): number | undefined {
    return this.#status
  }

  /** Resolves when the main frame commits a document after the `since`-th one. */
  navigatedSince(since: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (this.#navigations > since) return resolve()
      const listener = () => {
        if (this.#navigations <= since) return
        this.#listeners.delete(listener)
        resolve()
      }
      this.#listeners.add(listener)
      signal.addEventListener('abort', () => this.#listeners.delete(listener), { once: true })
    })
  }

  /** Whether the main frame is on its way to another document (requested, or the page started leaving). */
  async navigationUnderway(): Promise<boolean> {
    if (this.#underway.size > 0) return true
    return this.page.evaluate(() => window.__codeflowWatch?.leaving() ?? false).catch(() => true)
  }

  /** How many fetch/XHR calls the current document has started (0 while one is being replaced). */
  async activity(): Promise<number> {
    return this.page.evaluate(() => window.__codeflowWatch?.activity() ?? 0).catch(() => 0)
  }

  /**
   * Resolves once the current document is loaded and quiet and no navigation is under way; a
   * document replaced meanwhile is waited for in turn. Never rejects; stops when `signal` aborts.
   */
  async settled(signal: AbortSignal): Promise<void> {
    while (!signal.aborted && !this.page.isClosed()) {
      const before = this.#navigations
      const quiet = await this.page
        .evaluate(async () => {
          const watch = window.__codeflowWatch
          if (watch) await watch.idle()
          else if (document.readyState !== 'complete')
            await new Promise((resolve) => addEventListener('load', resolve, { once: true }))
          return true
        })
        .catch(() => false)
      if (quiet && this.#navigations === before) return
      // The document was replaced while we waited: wait for the next one's commit, then again.
      if (!quiet) await this.navigatedSince(before, signal)
    }
    return new Promise(() => {})
  }

  /** Resolves once a fetch/XHR started after `since` is answered and the page is quiet. Never rejects. */
  async answered(since: number): Promise<void> {
    const done = await this.page
      .evaluate((count) => window.__codeflowWatch?.answered(count).then(() => true) ?? false, since)
      .catch(() => false)
    if (!done) return new Promise(() => {})
  }
}

function isMainFrame(page: Page, request: { frame(): unknown }): boolean {
  try {
    return request.frame() === page.mainFrame()
  } catch {
    // Service-worker requests have no frame.
    return false
  }
}
