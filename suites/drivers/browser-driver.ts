/**
 * The `browser` login driver (Playwright with the system Chromium). Being built: until then it
 * refuses to start, with a clear message, rather than pretending to drive a page.
 */
import { DriveError } from '../harness/evidence.js'
import type { HttpClient } from '../harness/http-client.js'
import type { TargetFile } from '../harness/target.js'
import type { AuthorizeResult, LoginDriver } from './driver.js'

type BrowserSettings = Extract<TargetFile['login'], { driver: 'browser' }>

export class BrowserDriver implements LoginDriver {
  readonly name = 'browser'
  static async launch(_http: HttpClient, _settings: BrowserSettings): Promise<BrowserDriver> {
    throw new DriveError('the browser login driver is not available in this build; use "driver": "form" or "module"')
  }
  async authorize(): Promise<AuthorizeResult> {
    throw new DriveError('the browser login driver is not available in this build')
  }
}
