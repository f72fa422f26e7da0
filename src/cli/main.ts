#!/usr/bin/env node
/**
 * The `codeflow` command. Thin: it parses flags and calls the libraries.
 * Exit codes: 0 success, 1 non-conformant (run/compare), 2 the command itself failed.
 */
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Command } from './commander.js'
import { loadModule } from './load-module.js'

type SetExitCode = (code: number) => void

/**
 * The commands, by module, in help order. A module is imported only when one of its commands may
 * run: `codeflow idp` does not load the conformance suite, the report renderers or the HTML
 * parser, so its start-up is the mock's.
 */
const commandModules: Array<{
  names: string[]
  register: (program: Command, setExitCode: SetExitCode) => Promise<void>
}> = [
  { names: ['idp'], register: async (program) => (await import('./idp-command.js')).registerIdpCommand(program) },
  {
    names: ['run'],
    register: async (program, setExitCode) =>
      (await import('./run-command.js')).registerRunCommand(program, setExitCode),
  },
  {
    names: ['client'],
    register: async (program, setExitCode) =>
      (await import('./client-command.js')).registerClientCommand(program, setExitCode),
  },
  {
    names: ['doctor'],
    register: async (program, setExitCode) =>
      (await import('./doctor-command.js')).registerDoctorCommand(program, setExitCode),
  },
  {
    names: ['checks'],
    register: async (program, setExitCode) =>
      (await import('./checks-command.js')).registerChecksCommand(program, setExitCode),
  },
  {
    names: ['report', 'compare', 'baseline'],
    register: async (program, setExitCode) =>
      (await import('./report-commands.js')).registerReportCommands(program, setExitCode),
  },
]

export async function main(argv: string[]): Promise<number> {
  // `codeflow idp` with a plain command line starts the mock without loading commander
  // (idp-options.ts); help, typos and bad values still go to commander, which explains them.
  if (argv[2] === 'idp') {
    const { readIdpArgs } = await loadModule<typeof import('./idp-options.js')>('./idp-options.js')
    const options = readIdpArgs(argv.slice(3))
    if (options) {
      return runCommand(async () => {
        await (await loadModule<typeof import('./idp-run.js')>('./idp-run.js')).runIdp(options)
        return 0
      })
    }
  }
  const [{ Command, CommanderError }, { version }] = await Promise.all([
    import('./commander.js'),
    import('../../core/version.js'),
  ])
  const program = new Command()
    .name('codeflow')
    .description('Conformance suite for the OAuth 2.0 / OpenID Connect authorization-code flow, and a mock IdP')
    .version(version(), '-v, --version')
    .showHelpAfterError('(run "codeflow --help" for usage)')
    .exitOverride()
  let exitCode = 0
  const setExitCode = (code: number) => {
    exitCode = code
  }
  // Only the module of the command named first is registered; anything else (help, a typo, an
  // option first) registers them all, so help and "did you mean" see every command.
  const first = argv[2]
  const only = commandModules.find((module) => first !== undefined && module.names.includes(first))
  for (const module of only ? [only] : commandModules) await module.register(program, setExitCode)
  return runCommand(
    async () => {
      await program.parseAsync(argv)
      return exitCode
    },
    (error) => (error instanceof CommanderError ? (error.exitCode === 0 ? 0 : 2) : undefined),
  )
}

/** Runs a command: a failure is one line on stderr and exit 2 (unless `exitFor` knows the error). */
async function runCommand(
  command: () => Promise<number>,
  exitFor: (error: unknown) => number | undefined = () => undefined,
): Promise<number> {
  try {
    return await command()
  } catch (error) {
    const known = exitFor(error)
    if (known !== undefined) return known
    process.stderr.write(`codeflow: ${error instanceof Error ? error.message : String(error)}\n`)
    return 2
  }
}

/** True when this file is the program (`node main.js`, or `codeflow` through the bin symlink), not an import. */
function invokedDirectly(): boolean {
  const script = process.argv[1]
  if (!script) return false
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (invokedDirectly()) {
  main(process.argv).then(
    (code) => {
      if (code !== 0) process.exitCode = code
    },
    (error) => {
      process.stderr.write(`codeflow: ${String(error)}\n`)
      process.exitCode = 2
    },
  )
}
