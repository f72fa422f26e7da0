/**
 * `codeflow idp` itself, once its options are read (by commander, idp-command.ts, or for a plain
 * command line by idp-options.ts): start the mock IdP, or print its behaviours or its target file.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { connectableHost } from '../../core/connectable-host.js'
import { checkBehaviourIds } from '../../mock-idp/config/behaviour-ids.js'
import { configInput } from '../../mock-idp/config/config-sources.js'
import { readConfig } from '../../mock-idp/config/read-config.js'
import { serveMockIdp } from '../../mock-idp/server.js'
import { startupReport } from '../../mock-idp/startup-report.js'
import { UserDirectory } from '../../mock-idp/users.js'
import type { IdpOptions } from './idp-options.js'

export async function runIdp(options: IdpOptions): Promise<void> {
  const overrides: Record<string, unknown> = {}
  if (options.port !== undefined) overrides.port = options.port
  if (options.host !== undefined) overrides.host = options.host
  if (options.issuer !== undefined) overrides.issuer = options.issuer
  if (options.seed !== undefined) overrides.seed = options.seed
  if (options.logLevel !== undefined) overrides.log = { level: options.logLevel }
  if (options.behaviour !== undefined) overrides.behaviours = options.behaviour
  if (options.allowRequestBehaviours) overrides.allowRequestBehaviours = true
  if (options.store !== undefined) overrides.store = { url: options.store }
  if (options.control || options.controlToken !== undefined) {
    overrides.control = {
      enabled: true,
      ...(options.controlToken === undefined ? {} : { token: options.controlToken }),
    }
  }
  if (options.listBehaviours) {
    const { behaviourList } = await import('../../mock-idp/behaviours/behaviour-list.js')
    process.stdout.write(`${behaviourList(options.json ? 'json' : 'text')}\n`)
    return
  }
  const { input, source } = configInput({ file: options.config, overrides })
  const config = await readConfig(input, source)
  // Behaviour ids are checked after parsing (the catalog loads only when some are named).
  await checkBehaviourIds(config, source)

  if (options.printTarget) {
    const issuer = config.issuer ?? `http://${connectableHost(config.host)}:${config.port}`
    const { mockTargetFile } = await import('../../mock-idp/target-file.js')
    process.stdout.write(
      `${JSON.stringify(mockTargetFile(config, issuer, await UserDirectory.fromConfig(config)), null, 2)}\n`,
    )
    return
  }

  const started = performance.now()
  const running = await serveMockIdp(config)
  const { provider } = running
  if (options.writeTarget) {
    // Loaded only for the target file, like --print-target's.
    const { mockTargetFile } = await import('../../mock-idp/target-file.js')
    mkdirSync(dirname(options.writeTarget), { recursive: true })
    writeFileSync(
      options.writeTarget,
      `${JSON.stringify(mockTargetFile(provider.config, running.issuer, provider.users), null, 2)}\n`,
    )
  }
  if (!options.quiet) {
    process.stdout.write(`${startupReport(provider.config, running.issuer, running.address, provider.users)}\n`)
    process.stdout.write(`\n  ready in ${Math.round(performance.now() - started)} ms · Ctrl-C to stop\n`)
  }
  // The first SIGINT/SIGTERM stops gracefully (requests under way finish, within
  // limits.shutdownTimeoutMs); a second one cuts every connection at once.
  await new Promise<void>((resolve) => {
    let stopping = false
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        if (!options.quiet) process.stdout.write(`\n  ${signal} again: closing every connection now\n`)
        running.server.closeAllConnections()
        return
      }
      stopping = true
      if (!options.quiet) process.stdout.write(`\n  ${signal}: stopping (requests under way may finish)\n`)
      running.close().then(resolve, resolve)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
    const detach = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
    }
    running.server.once('close', detach)
  })
}
