/** Picks the login driver the target file names. */
import { rethrowMissingPeer } from '../../core/optional-peer.js'
import type { HttpClient } from '../harness/http-client.js'
import type { TargetFile } from '../harness/target.js'
import type { LoginDriver } from './driver.js'
import { FormDriver } from './form-driver.js'

export async function createDriver(target: TargetFile, http: HttpClient, baseDir: string): Promise<LoginDriver> {
  const login = target.login
  switch (login.driver) {
    case 'form':
      return new FormDriver(http, login, target.users)
    case 'browser': {
      // playwright-core is an optional peer dependency: only targets that use this driver need it.
      const { BrowserDriver } = await import('./browser-driver.js').catch(
        rethrowMissingPeer('playwright-core', 'the browser login driver'),
      )
      return BrowserDriver.launch(http, login, target.timeouts.request)
    }
    case 'module': {
      const { ModuleDriver } = await import('./module-driver.js')
      return ModuleDriver.load(http, login, baseDir)
    }
  }
}
