#!/usr/bin/env node
/**
 * The `codeflow` command. Thin: it parses flags and calls the libraries.
 * Exit codes: 0 success, 1 non-conformant (run/compare), 2 the command itself failed.
 */
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Command, CommanderError } from 'commander'
import { version } from '../../core/version.js'
import { ConfigError } from '../../mock-idp/config/load.js'
import { ReportError } from '../../reports/schema.js'
import { TargetFileError } from '../../suites/harness/target.js'
import { registerChecksCommand } from './checks-command.js'
import { registerDoctorCommand } from './doctor-command.js'
import { registerIdpCommand } from './idp-command.js'
import { registerReportCommands } from './report-commands.js'
import { registerRunCommand } from './run-command.js'

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
  registerIdpCommand(program)
  registerRunCommand(program, setExitCode)
  registerDoctorCommand(program, setExitCode)
  registerChecksCommand(program)
  registerReportCommands(program, setExitCode)
  try {
    await program.parseAsync(argv)
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2
    if (error instanceof ConfigError || error instanceof ReportError || error instanceof TargetFileError) {
      process.stderr.write(`codeflow: ${error.message}\n`)
      return 2
    }
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
