/**
 * The `module` sign-in driver: the partner's own function signs in (an API-driven login, a native
 * flow). Its default export is called once per sign-in with the start URL, the user, a fetch that
 * keeps cookies in a fresh jar, and the jar; it returns the final page.
 *
 *   export default async ({ start, user, fetch, jar }) => ({ kind: 'page', status, url, body })
 */
import { pathToFileURL } from 'node:url'
import { CookieJar } from 'tough-cookie'
import { Browser } from '../../mock-idp/testing/login-flow.js'
import type { SignInContext, SignInDriver, SignInResult } from './sign-in-driver.js'
import { MAX_PAGE_CHARS, SignInError } from './sign-in-driver.js'

export interface ModuleSignInInput {
  start: string
  issuer: string
  user: { username: string; password: string }
  /** fetch with the jar's cookies; redirects are not followed (the function decides). */
  fetch: (url: string, init?: RequestInit) => Promise<Response>
  jar: CookieJar
  signal: AbortSignal
}

export type ModuleSignIn = (
  input: ModuleSignInInput,
) => Promise<{ kind: 'page'; status: number; url: string; body: string }>

export async function moduleDriver(file: string): Promise<SignInDriver> {
  let signInFunction: ModuleSignIn
  try {
    const loaded = (await import(pathToFileURL(file).href)) as { default?: unknown }
    if (typeof loaded.default !== 'function') throw new Error('its default export is not a function')
    signInFunction = loaded.default as ModuleSignIn
  } catch (error) {
    throw new SignInError(`signIn.module "${file}" cannot be used: ${(error as Error).message}`)
  }
  return {
    signIn: async (context: SignInContext): Promise<SignInResult> => {
      const jar = new CookieJar()
      const browser = new Browser({ jar, fetch: (input, init) => fetch(input, { ...init, signal: context.signal }) })
      const urls: string[] = []
      const result = await signInFunction({
        start: context.start,
        issuer: context.issuer,
        user: context.user,
        fetch: (url, init) => {
          urls.push(url)
          return browser.request(url, init)
        },
        jar,
        signal: context.signal,
      })
      if (result?.kind !== 'page' || typeof result.status !== 'number' || typeof result.url !== 'string')
        throw new SignInError('signIn.module returned no { kind: "page", status, url, body }')
      return {
        page: { status: result.status, url: result.url, body: String(result.body ?? '').slice(0, MAX_PAGE_CHARS) },
        exchanges: [],
        urls,
      }
    },
    close: async () => {},
  }
}
