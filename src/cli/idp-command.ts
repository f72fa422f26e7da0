/** `codeflow idp`: start the mock IdP, or print its target file. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { connectableHost } from '../../core/connectable-host.js'
import { checkBehaviourIds } from '../../mock-idp/config/behaviour-ids.js'
import { configInput } from '../../mock-idp/config/config-sources.js'
import { readConfig } from '../../mock-idp/config/read-config.js'
import { serveMockIdp } from '../../mock-idp/server.js'
import { startupReport } from '../../mock-idp/startup-report.js'
import { mockTargetFile } from '../../mock-idp/target-file.js'
import { UserDirectory } from '../../mock-idp/users.js'
import { type Command, InvalidArgumentError } from './commander.js'
import { commaList } from './option-values.js'

interface IdpOptions {
  config?: string
  port?: number
  host?: string
  issuer?: string
  seed?: string
  logLevel?: string
  printTarget?: boolean
  writeTarget?: string
  quiet?: boolean
  behaviour?: string[]
  allowRequestBehaviours?: boolean
  listBehaviours?: boolean
  json?: boolean
  control?: boolean
  controlToken?: string
  store?: string
}

export function registerIdpCommand(program: Command): void {
  program
    .command('idp')
    .description('start the mock identity provider')
    .option('-c, --config <file>', 'JSON config file (also CODEFLOW_IDP_CONFIG)')
    .option('-p, --port <n>', 'port to listen on; 0 picks a free one (default 8080)', parsePort)
    .option('-H, --host <host>', 'interface to listen on (default 127.0.0.1)')
    .option('-i, --issuer <url>', 'public issuer URL clients see (default http://{host}:{port})')
    .option('--seed <seed>', 'derive every generated value from this seed (byte-stable runs)')
    .option('--log-level <level>', 'silent | error | warn | info | debug')
    .option('--print-target', "print the mock's own conformance target file (JSON) and exit")
    .option('--write-target <file>', 'once listening, write the target file (with the real port) to <file>')
    .option('-q, --quiet', 'do not print the start-up summary')
    .option(
      '-b, --behaviour <ids>',
      'switch on deliberate deviations for every request (comma-separated; repeatable)',
      commaList,
    )
    .option(
      '--allow-request-behaviours',
      'let requests switch behaviours on (codeflow-behaviour header, codeflow_behaviour parameter); for test runs, never on a shared mock',
    )
    .option('--list-behaviours', 'print every behaviour with the rule it breaks and exit')
    .option('--json', 'with --list-behaviours: print JSON')
    .option('--control', 'serve the HTTP control API under /_codeflow (use, reset, requests, clock)')
    .option('--control-token <token>', 'bearer token the control API requires (needed beyond loopback)')
    .option(
      '--store <url>',
      'keep state in Redis (redis://[:password@]host:port/db), shared by several instances behind a load balancer; needs --issuer (also CODEFLOW_IDP_STORE)',
    )
    .addHelpText(
      'after',
      `
Environment: CODEFLOW_IDP_CONFIG, CODEFLOW_IDP_ISSUER, CODEFLOW_IDP_HOST, CODEFLOW_IDP_PORT, CODEFLOW_IDP_SEED,
CODEFLOW_IDP_STORE, and any option by path, e.g. CODEFLOW_IDP__tokens__accessTokenTtl=300. Flags win over the environment,
which wins over the file.`,
    )
    .action(async (options: IdpOptions) => {
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
        process.stdout.write(
          `${JSON.stringify(mockTargetFile(config, issuer, await UserDirectory.fromConfig(config)), null, 2)}\n`,
        )
        return
      }

      const started = performance.now()
      const running = await serveMockIdp(config)
      const { provider } = running
      if (options.writeTarget) {
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
    })
}

function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError('must be an integer from 0 to 65535')
  return port
}
