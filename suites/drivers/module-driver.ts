/**
 * The `module` login driver: the target's own async function logs in (for API-driven logins).
 * Its module's default export receives the authorization URL, the user and an HTTP helper whose
 * requests are recorded like the suite's own, and returns the callback URL it was sent to.
 */
import { isAbsolute, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { DriveError } from '../harness/evidence.js'
import type { HttpClient } from '../harness/http-client.js'
import type { TargetFile, TargetUser } from '../harness/target.js'
import { readCallback } from './callback.js'
import type { AuthorizeInput, AuthorizeResult, LoginDriver } from './driver.js'

type ModuleSettings = Extract<TargetFile['login'], { driver: 'module' }>

export interface LoginModuleInput {
  authorizationUrl: string
  user: TargetUser
  /** The client's redirect URIs: stop when the server redirects to one of them. */
  redirectUris: string[]
  /** Sends one request without following redirects; recorded (redacted) in the report. */
  request(input: {
    method?: string
    url: string
    headers?: Record<string, string>
    form?: Record<string, string>
    body?: string
  }): Promise<{
    status: number
    headers: Headers
    text: string
  }>
}

export type LoginModule = (input: LoginModuleInput) => Promise<string>

export class ModuleDriver implements LoginDriver {
  readonly name = 'module'

  private constructor(
    private readonly http: HttpClient,
    private readonly login: LoginModule,
  ) {}

  static async load(http: HttpClient, settings: ModuleSettings, baseDir: string): Promise<ModuleDriver> {
    const path = isAbsolute(settings.module) ? settings.module : resolve(baseDir, settings.module)
    let loaded: { default?: unknown }
    try {
      loaded = (await import(pathToFileURL(path).href)) as { default?: unknown }
    } catch (error) {
      throw new DriveError(`login.module: cannot load "${path}": ${(error as Error).message}`)
    }
    if (typeof loaded.default !== 'function')
      throw new DriveError(`login.module: "${path}" has no default export function`)
    return new ModuleDriver(http, loaded.default as LoginModule)
  }

  async authorize(input: AuthorizeInput): Promise<AuthorizeResult> {
    const before = this.http.exchanges.length
    let callbackUrl: string
    try {
      callbackUrl = await this.login({
        authorizationUrl: input.url,
        user: input.user,
        redirectUris: input.clientUris,
        request: async (request) => {
          const response = await this.http.send({ ...request, jar: input.jar, label: `${input.label}: login module` })
          return { status: response.status, headers: response.headers, text: response.text }
        },
      })
    } catch (error) {
      throw new DriveError(`the login module failed: ${(error as Error).message}`)
    }
    const exchanges = this.http.exchanges.slice(before)
    if (typeof callbackUrl !== 'string')
      throw new DriveError('the login module must return the callback URL as a string')
    return { ...readCallback(callbackUrl, 'redirect'), sawLogin: true, sawConsent: false, exchanges: [...exchanges] }
  }
}
