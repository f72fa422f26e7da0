/**
 * The cookie jar is the session's source of truth between flows (gatherers also use it over
 * HTTP, e.g. to log out); a browser context holds it during one authorization. These copy it in
 * before and back after.
 */
import type { BrowserContext, Cookie } from 'playwright-core'
import type { CookieJar, Cookie as JarCookie } from 'tough-cookie'

/** Puts the jar's cookies into a fresh context; returns them, to tell later which ones the server removed. */
export async function jarToContext(jar: CookieJar, context: BrowserContext): Promise<JarCookie[]> {
  const cookies = await jar.store.getAllCookies()
  if (cookies.length === 0) return cookies
  await context.addCookies(
    cookies.map((cookie) => {
      const expiry = cookie.expiryTime()
      return {
        name: cookie.key,
        value: cookie.value,
        ...(cookie.hostOnly
          ? { url: `${cookie.secure ? 'https' : 'http'}://${cookie.domain}${cookie.path ?? '/'}` }
          : { domain: `.${cookie.domain}`, path: cookie.path ?? '/' }),
        expires: expiry === undefined || !Number.isFinite(expiry) ? -1 : expiry / 1000,
        httpOnly: cookie.httpOnly,
        secure: cookie.secure,
        sameSite: cookie.sameSite === 'strict' ? 'Strict' : cookie.sameSite === 'none' ? 'None' : 'Lax',
      }
    }),
  )
  return cookies
}

/**
 * Writes the context's cookies back into the jar. Cookies the jar had before the flow and the
 * browser no longer has were removed by the server; cookies another flow added to the jar
 * meanwhile (flows sharing a session run concurrently) are kept.
 */
export async function contextToJar(context: BrowserContext, jar: CookieJar, before: JarCookie[]): Promise<void> {
  const cookies = await context.cookies().catch(() => undefined)
  if (!cookies) return
  const key = (name: string, domain: string, path: string) => `${name}\n${domain.replace(/^\./, '')}\n${path}`
  const kept = new Set(cookies.map((cookie) => key(cookie.name, cookie.domain, cookie.path)))
  for (const cookie of before) {
    const domain = cookie.domain ?? ''
    const path = cookie.path ?? '/'
    if (!kept.has(key(cookie.key, domain, path))) await jar.store.removeCookie(domain, path, cookie.key)
  }
  for (const cookie of cookies) await jar.setCookie(setCookieLine(cookie), cookieUrl(cookie), { ignoreError: true })
}

function setCookieLine(cookie: Cookie): string {
  const host = cookie.domain.replace(/^\./, '')
  return [
    `${cookie.name}=${cookie.value}`,
    `Path=${cookie.path}`,
    ...(cookie.domain.startsWith('.') ? [`Domain=${host}`] : []),
    ...(cookie.expires > 0 ? [`Expires=${new Date(cookie.expires * 1000).toUTCString()}`] : []),
    ...(cookie.httpOnly ? ['HttpOnly'] : []),
    ...(cookie.secure ? ['Secure'] : []),
    `SameSite=${cookie.sameSite}`,
  ].join('; ')
}

function cookieUrl(cookie: Cookie): string {
  return `${cookie.secure ? 'https' : 'http'}://${cookie.domain.replace(/^\./, '')}${cookie.path}`
}
