/** The sign-in driver the client target file asks for (`signIn.driver`), paths relative to the file. */
import { resolve } from 'node:path'
import type { ClientTarget } from '../target/client-target.js'
import { browserDriver } from './browser-driver.js'
import { httpDriver } from './http-driver.js'
import { moduleDriver } from './module-driver.js'
import type { SignInDriver } from './sign-in-driver.js'

export async function createSignInDriver(target: ClientTarget, baseDir: string): Promise<SignInDriver> {
  switch (target.signIn.driver) {
    case 'http':
      return httpDriver()
    case 'browser':
      return browserDriver(
        target.signIn.script === undefined ? undefined : resolve(baseDir, target.signIn.script),
        target.timeouts.signIn,
        target.outcome,
      )
    case 'module':
      return moduleDriver(resolve(baseDir, target.signIn.module!))
  }
}
