/**
 * A minimal cookie jar for one browser talking to one origin (RFC 6265 §5.2–5.4, without
 * Domain handling): cookies are kept per name and path, removed by Max-Age<=0 or a past
 * Expires, and sent on requests whose path is inside the cookie's path, longest path first.
 */

interface StoredCookie {
  name: string
  value: string
  path: string
  expiresAt: number
}

export class CookieJar {
  #cookies = new Map<string, StoredCookie>()

  /** Stores every Set-Cookie header of a response to `requestUrl`. */
  store(setCookie: string | string[] | undefined, requestUrl: URL, now = Date.now()): void {
    if (setCookie === undefined) return
    for (const header of Array.isArray(setCookie) ? setCookie : [setCookie]) this.#storeOne(header, requestUrl, now)
  }

  /** The Cookie header for a request to `url`, or undefined when no cookie applies. */
  header(url: URL, now = Date.now()): string | undefined {
    const matching: StoredCookie[] = []
    for (const [key, cookie] of this.#cookies) {
      if (cookie.expiresAt <= now) this.#cookies.delete(key)
      else if (pathMatches(url.pathname, cookie.path)) matching.push(cookie)
    }
    if (matching.length === 0) return undefined
    matching.sort((a, b) => b.path.length - a.path.length)
    return matching.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ')
  }

  clear(): void {
    this.#cookies.clear()
  }

  get size(): number {
    return this.#cookies.size
  }

  #storeOne(header: string, requestUrl: URL, now: number): void {
    const [pair = '', ...attributes] = header.split(';')
    const equals = pair.indexOf('=')
    if (equals <= 0) return
    const name = pair.slice(0, equals).trim()
    const value = pair.slice(equals + 1).trim()
    let path = defaultPath(requestUrl.pathname)
    let expiresAt = Number.POSITIVE_INFINITY
    let maxAgeSeen = false
    for (const attribute of attributes) {
      const at = attribute.indexOf('=')
      const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase()
      const argument = at < 0 ? '' : attribute.slice(at + 1).trim()
      if (key === 'path' && argument.startsWith('/')) path = argument
      else if (key === 'max-age' && /^-?\d+$/.test(argument)) {
        maxAgeSeen = true
        expiresAt = now + Number(argument) * 1000
      } else if (key === 'expires' && !maxAgeSeen) {
        const date = Date.parse(argument)
        if (!Number.isNaN(date)) expiresAt = date
      }
    }
    const key = `${name}\u0000${path}`
    if (expiresAt <= now) this.#cookies.delete(key)
    else this.#cookies.set(key, { name, value, path, expiresAt })
  }
}

/** RFC 6265 §5.1.3. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true
  if (!requestPath.startsWith(cookiePath)) return false
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'
}

/** RFC 6265 §5.1.4. */
function defaultPath(requestPath: string): string {
  if (!requestPath.startsWith('/')) return '/'
  const slash = requestPath.lastIndexOf('/')
  return slash === 0 ? '/' : requestPath.slice(0, slash)
}
