/**
 * `codeflow run`: the flags. The run itself lives in run-action.ts and is loaded only when the
 * command runs, so `codeflow idp` starts without loading the suite or vitest.
 */
import type { Command } from 'commander'
import { InvalidArgumentError, Option } from 'commander'
import { commaList, positiveInt } from './option-values.js'
import type { RunOptions } from './run-options.js'

export function registerRunCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('run')
    .description('run the conformance suite against a server (default: the embedded mock IdP)')
    .option('-T, --target <file>', 'target file (JSON); repeat for several targets run in parallel', append, [])
    .option('-o, --out <dir>', 'where to write the reports (default reports/runs/<timestamp>/)')
    .option(
      '--only <selector>',
      'run only these areas, check ids or id prefixes (repeatable, comma-separated)',
      commaList,
      [],
    )
    .option(
      '--skip <selector>',
      'leave out these areas, check ids or id prefixes (repeatable, comma-separated)',
      commaList,
      [],
    )
    .option('--shard <i/n>', "run shard i of n (vitest's sharding, by area file)", parseShard)
    .option(
      '--concurrency <n>',
      'login flows at once per engine run (default 4); 1 = serial: one request in flight for the whole run',
      positiveInt,
    )
    .option('--workers <n>', 'vitest workers (default 4)', positiveInt)
    .option('-t, --test-name-pattern <regex>', 'vitest -t over "<id> [<LEVEL>] <title>", e.g. "MUST" or "^pkce\\."')
    .option('--tags-filter <expr>', 'vitest tags expression, e.g. "MUST && !area:logout" (repeatable: AND)', append, [])
    .option(
      '--repeat <n>',
      'run the suite n times; list the checks whose verdict changed (reports in <out>/run-<i>/, <out>/repeat.json)',
      positiveInt,
    )
    .option('--baseline <file>', 'waivers (JSON) for known findings: waived findings do not fail the run')
    .addOption(
      new Option('--fail-on <gate>', 'what makes the run non-conformant')
        .choices(['must', 'should', 'never'])
        .default('must'),
    )
    .addOption(
      new Option(
        '--engine <engine>',
        'vitest (filters, sharding, parallel targets; needs vitest ^4.1 installed) or direct (runSuite in process); default: vitest when installed, else direct',
      ).choices(['vitest', 'direct']),
    )
    .addHelpText(
      'after',
      `
Exit codes: 0 conformant, 1 non-conformant (--fail-on), 2 the run itself failed or is incomplete
(a check could not be judged: never conformant); with --repeat, the worst run's.
By default flows run in parallel; when the target fails under parallel load the run falls back to serial by itself
and reports it once. Checks that need simultaneous requests (code.concurrent-redeem, rt.concurrent-refresh) stay
simultaneous even with --concurrency 1.
Tags: MUST, SHOULD, MAY; spec families (RFC6749, RFC7636, OIDCC, …); areas (area:token, …).`,
    )
    .action(async (options: RunOptions) => {
      const { runCommand } = await import('./run-action.js')
      setExitCode(await runCommand(options))
    })
}

function append(value: string, previous: string[]): string[] {
  return [...previous, value]
}

function parseShard(value: string): string {
  const match = /^(\d+)\/(\d+)$/.exec(value)
  if (!match || Number(match[1]) < 1 || Number(match[1]) > Number(match[2]))
    throw new InvalidArgumentError('must be i/n with 1 ≤ i ≤ n, e.g. 1/3')
  return value
}
