#!/usr/bin/env node
/**
 * The `codeflow` command. Thin: it parses flags and calls the libraries.
 * Exit codes: 0 success, 1 non-conformant (run/compare), 2 the command itself failed.
 */
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { version } from '../../core/version.js'
import { Command, CommanderError } from './commander.js'

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
  try {
    await program.parseAsync(argv)
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2
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
