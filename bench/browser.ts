/**
 * One simulated browser: its own keep-alive connection to the server (an undici Pool of one
 * connection) and its own cookie jar. Redirects are never followed here; the flow decides.
 */
import { Pool } from 'undici'
import { CookieJar } from './cookie-jar.js'

export interface Page {
  url: URL
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

export interface SendOptions {
  headers?: Record<string, string>
  body?: string
  /** Send and store cookies (front channel, the default) or not (back channel: token, UserInfo). */
  cookies?: boolean
}

/** No request of the flow may hang the bench. */
const requestTimeoutMs = 15_000

export class Browser {
  readonly jar = new CookieJar()
  readonly #origin: string
  readonly #pool: Pool

  constructor(origin: string) {
    this.#origin = new URL(origin).origin
    this.#pool = new Pool(this.#origin, {
      connections: 1,
      pipelining: 1,
      headersTimeout: requestTimeoutMs,
      bodyTimeout: requestTimeoutMs,
      keepAliveTimeout: 30_000,
    })
  }

  async send(method: string, url: URL, options: SendOptions = {}): Promise<Page> {
    if (url.origin !== this.#origin) throw new Error(`refusing to leave ${this.#origin} for ${url.href}`)
    const useCookies = options.cookies ?? true
    const headers: Record<string, string> = { accept: 'text/html,application/json', ...options.headers }
    if (useCookies) {
      const cookie = this.jar.header(url)
      if (cookie) headers.cookie = cookie
    }
    const response = await this.#pool.request({
      method: method as 'GET' | 'POST',
      path: `${url.pathname}${url.search}`,
      headers,
      body: options.body,
    })
    const body = await response.body.text()
    if (useCookies) this.jar.store(response.headers['set-cookie'], url)
    return { url, status: response.statusCode, headers: response.headers, body }
  }

  get(url: URL, options?: SendOptions): Promise<Page> {
    return this.send('GET', url, options)
  }

  /** POSTs an application/x-www-form-urlencoded body. */
  postForm(url: URL, form: URLSearchParams, options: SendOptions = {}): Promise<Page> {
    return this.send('POST', url, {
      ...options,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
      body: form.toString(),
    })
  }

  async close(): Promise<void> {
    await this.#pool.close()
  }
}

/** The single value of a response header (the first one if repeated). */
export function headerValue(page: Page, name: string): string | undefined {
  const value = page.headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}
