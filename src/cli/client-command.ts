/**
 * `codeflow client`: client conformance. Signs the application described by a client target file in
 * through the mock IdP once per client check and writes the same reports as `codeflow run`
 * (report.json with kind "client"). Thin: flags → client/run-client.ts. Exit codes as `run`:
 * 0 conformant, 1 a finding trips --fail-on, 2 the run failed or is incomplete.
 */
import { dirname, resolve } from 'node:path'
import type { Command } from 'commander'
import { InvalidArgumentError, Option } from 'commander'
import type { FailOn } from '../../reports/schema.js'
import { commaList } from './option-values.js'

interface ClientOptions {
  clientTarget: string
  issuer?: string
  out?: string
  only: string[]
  skip: string[]
  baseline?: string
  failOn: FailOn
}

export function registerClientCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('client')
    .description(
      'test a client application: sign it in through the mock IdP once per client check, with one deviation armed per sign-in',
    )
    .requiredOption(
      '-C, --client-target <file>',
      'client target file (JSON): the app, how it signs in, how its outcome reads',
    )
    .option(
      '--issuer <url>',
      'use this running mock IdP (codeflow idp --control; token from CODEFLOW_CONTROL_TOKEN) instead of an embedded one',
      httpUrl,
    )
    .option('-o, --out <dir>', 'where to write the reports (default reports/runs/<timestamp>/)')
    .option(
      '--only <selector>',
      'run only these client checks: ids, id prefixes or areas (repeatable, comma-separated)',
      commaList,
      [],
    )
    .option(
      '--skip <selector>',
      'leave out these client checks: ids, id prefixes or areas (repeatable, comma-separated)',
      commaList,
      [],
    )
    .option('--baseline <file>', 'waivers (JSON) for known findings: waived findings do not fail the run')
    .addOption(
      new Option('--fail-on <gate>', 'what makes the run non-conformant')
        .choices(['must', 'should', 'never'])
        .default('must'),
    )
    .addHelpText(
      'after',
      `
Exit codes: 0 conformant, 1 non-conformant (--fail-on), 2 the run itself failed or is incomplete
(the app did not start, the normal sign-in failed, a sign-in could not be read).
The client checks and their OpenID Foundation counterparts: docs/client-checks.md.`,
    )
    .action(async (options: ClientOptions) => {
      setExitCode(await clientCommand(options))
    })
}

async function clientCommand(options: ClientOptions): Promise<number> {
  // Loaded when the command runs: `codeflow idp` never loads the client runner.
  const [{ loadClientTarget }, { runClientChecks }, { clientChecks, selectClientChecks }, { writeClientReports }] =
    await Promise.all([
      import('../../client/target/client-target.js'),
      import('../../client/run-client.js'),
      import('../../client/checks/catalog.js'),
      import('../../client/write-client-report.js'),
    ])
  const { readBaselineFile } = await import('./baseline-file.js')
  const { exitCodeOf } = await import('../../reports/gate.js')
  const { renderConsole } = await import('../../reports/render-console.js')
  const { defaultOutDir } = await import('../../reports/write-reports.js')
  try {
    const target = loadClientTarget(options.clientTarget)
    const selection = selectClientChecks(clientChecks, options.only, options.skip)
    if (selection.unknown.length > 0) {
      process.stderr.write(
        `codeflow: --only/--skip: no client check matches ${selection.unknown.map((s) => `"${s}"`).join(', ')}\n`,
      )
      return 2
    }
    if (selection.selected.length === 0) {
      process.stderr.write('codeflow: --only/--skip select no client check\n')
      return 2
    }
    const baseline =
      options.baseline === undefined
        ? undefined
        : {
            file: options.baseline,
            baseline: readBaselineFile(options.baseline),
          }
    const result = await runClientChecks({
      target,
      baseDir: dirname(resolve(options.clientTarget)),
      only: options.only,
      skip: options.skip,
      ...(options.issuer ? { issuerUrl: options.issuer } : {}),
      ...(process.env.CODEFLOW_CONTROL_TOKEN ? { controlToken: process.env.CODEFLOW_CONTROL_TOKEN } : {}),
      ...(process.stderr.isTTY
        ? { onProgress: (message: string) => process.stderr.write(`codeflow: ${message}\n`) }
        : {}),
    })
    const written = writeClientReports(result, options.out ?? defaultOutDir(), {
      failOn: options.failOn,
      ...(baseline ? { baseline } : {}),
    })
    process.stdout.write(renderConsole([written]))
    return exitCodeOf([written.report])
  } catch (error) {
    process.stderr.write(`codeflow: ${error instanceof Error ? error.message : String(error)}\n`)
    return 2
  }
}

function httpUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InvalidArgumentError('must be an absolute http(s) URL, e.g. http://127.0.0.1:9400')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('must be an http(s) URL')
  return value
}
