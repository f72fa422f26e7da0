/**
 * `codeflow run`: run the conformance suite against one or more targets (or, with none, the
 * embedded mock IdP), write the reports, print a summary.
 * Exit codes: 0 conformant · 1 a check failed the gate (default: any failed MUST) · 2 the run
 * itself failed (bad target file, unreachable target, login driver that cannot start, a check
 * that could not be driven).
 */
import { dirname, resolve } from 'node:path'
import type { Command } from 'commander'
import { InvalidArgumentError, Option } from 'commander'
import { createMockIdp, type MockIdp } from '../../mock-idp/index.js'
import type { FailOn } from '../../reports/schema.js'
import { defaultOutDir } from '../../reports/write-reports.js'
import { checks, gatherers, selectChecks } from '../../suites/catalog.js'
import { runSuite, type SuiteRun } from '../../suites/harness/run-suite.js'
import { loadTargetFile, parseTargetFile, type TargetFile } from '../../suites/harness/target.js'
import { preflight } from '../../suites/run/preflight.js'
import type { Progress } from '../../suites/run/reporter.js'
import { type WrittenReport, writeRunReports } from '../../suites/run/write-run-reports.js'
import { projectNames } from '../../suites/vitest.conformance.config.js'

export interface RunOptions {
  target: string[]
  out?: string
  only: string[]
  skip: string[]
  shard?: string
  concurrency?: number
  workers?: number
  testNamePattern?: string
  tagsFilter: string[]
  failOn: FailOn
  engine: 'vitest' | 'direct'
}

export const EXIT_CONFORMANT = 0
export const EXIT_NON_CONFORMANT = 1
export const EXIT_RUN_FAILED = 2

export function registerRunCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('run')
    .description('run the conformance suite against a server (default: the embedded mock IdP)')
    .option('-T, --target <file>', 'target file (JSON); repeat for several targets run in parallel', append, [])
    .option('-o, --out <dir>', 'where to write the reports (default reports/runs/<timestamp>/)')
    .option(
      '--only <selector>',
      'run only these areas, check ids or id prefixes (repeatable, comma-separated)',
      collect,
      [],
    )
    .option(
      '--skip <selector>',
      'leave out these areas, check ids or id prefixes (repeatable, comma-separated)',
      collect,
      [],
    )
    .option('--shard <i/n>', "run shard i of n (vitest's sharding, by area file)", parseShard)
    .option('--concurrency <n>', 'login flows at once per area (default 4)', positiveInt)
    .option('--workers <n>', 'vitest workers (default 4)', positiveInt)
    .option('-t, --test-name-pattern <regex>', 'vitest -t over "<id> [<LEVEL>] <title>", e.g. "MUST" or "^pkce\\."')
    .option('--tags-filter <expr>', 'vitest tags expression, e.g. "MUST && !area:logout" (repeatable: AND)', append, [])
    .addOption(
      new Option('--fail-on <gate>', 'what makes the run non-conformant')
        .choices(['must', 'should', 'never'])
        .default('must'),
    )
    .addOption(
      new Option('--engine <engine>', 'vitest (filters, sharding, parallel targets) or direct (runSuite in process)')
        .choices(['vitest', 'direct'])
        .default('vitest'),
    )
    .addHelpText(
      'after',
      `
Exit codes: 0 conformant, 1 non-conformant (--fail-on), 2 the run itself failed.
Tags: MUST, SHOULD, MAY; spec families (RFC6749, RFC7636, OIDCC, …); areas (area:token, …).`,
    )
    .action(async (options: RunOptions) => setExitCode(await runCommand(options)))
}

export async function runCommand(options: RunOptions, io: Io = processIo): Promise<number> {
  let idp: MockIdp | undefined
  try {
    const targets: Array<{ target: TargetFile; baseDir: string; label: string }> = []
    for (const file of options.target) {
      targets.push({ target: loadTargetFile(file), baseDir: dirname(resolve(file)), label: file })
    }
    if (targets.length === 0) {
      idp = await createMockIdp({ log: { level: 'silent' } })
      io.err(`codeflow: no --target given: running against the embedded mock IdP at ${idp.url}\n`)
      targets.push({ target: parseTargetFile(idp.targetFile()), baseDir: process.cwd(), label: 'embedded mock IdP' })
    }
    const selected = selectChecks(checks, options.only, options.skip)
    if (selected.length === 0) {
      io.err(`codeflow: --only/--skip select no check (see "codeflow checks")\n`)
      return EXIT_RUN_FAILED
    }
    for (const { target, baseDir, label } of targets) {
      try {
        await preflight(target, baseDir)
      } catch (error) {
        io.err(`codeflow: ${label} (${target.issuer}): ${(error as Error).message}\n`)
        return EXIT_RUN_FAILED
      }
    }

    const progress = io.isTTY ? progressLine(io) : undefined
    let runs: SuiteRun[]
    let runErrors: string[]
    if (options.engine === 'direct') {
      ;({ runs, runErrors } = await runDirect(targets, selected, options, progress?.update))
    } else {
      // Loaded on demand: `codeflow idp` and `codeflow checks` do not need vitest.
      const { runConformance } = await import('../../suites/run/run-conformance.js')
      ;({ runs, runErrors } = await runConformance({
        targets,
        only: options.only,
        skip: options.skip,
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
        ...(options.workers ? { workers: options.workers } : {}),
        ...(options.shard ? { shard: options.shard } : {}),
        ...(options.testNamePattern ? { testNamePattern: options.testNamePattern } : {}),
        tagsFilter: options.tagsFilter,
        ...(progress ? { onProgress: progress.update } : {}),
      }))
    }
    progress?.clear()

    const out = options.out ?? defaultOutDir()
    const labels = projectNames(targets)
    const written = writeRunReports(
      runs.map((run, index) => ({ run, target: targets[index]!.target, label: labels[index]! })),
      out,
      { failOn: options.failOn },
    )
    io.out(summary(written))
    if (runErrors.length > 0) {
      io.err(`codeflow: the run failed:\n${runErrors.map((line) => `  ${line}`).join('\n')}\n`)
      return EXIT_RUN_FAILED
    }
    if (written.some(({ report }) => !report.conformant)) return EXIT_NON_CONFORMANT
    if (written.some(({ report }) => report.summary.error > 0)) return EXIT_RUN_FAILED
    return EXIT_CONFORMANT
  } finally {
    await idp?.close()
  }
}

async function runDirect(
  targets: Array<{ target: TargetFile; baseDir: string }>,
  selected: typeof checks,
  options: RunOptions,
  onProgress?: (progress: Progress) => void,
): Promise<{ runs: SuiteRun[]; runErrors: string[] }> {
  const runErrors: string[] = []
  const runs = await Promise.all(
    targets.map(async ({ target, baseDir }) => {
      try {
        return await runSuite({
          target,
          checks: selected,
          gatherers,
          baseDir,
          ...(options.concurrency ? { concurrency: options.concurrency } : {}),
          onResult: (result, done, total) => onProgress?.({ target: target.name, area: result.area, done, total }),
        })
      } catch (error) {
        runErrors.push(`${target.name}: ${(error as Error).message}`)
        const now = new Date().toISOString()
        return { target: { name: target.name, issuer: target.issuer }, startedAt: now, finishedAt: now, results: [] }
      }
    }),
  )
  return { runs, runErrors }
}

function summary(written: WrittenReport[]): string {
  const lines: string[] = []
  for (const { target, dir, report } of written) {
    const s = report.summary
    lines.push(
      `${target} (${report.target.issuer}): ${s.passed} passed · ${s.failed} failed · ${s.warning} warning · ${s.skipped} skipped · ${s.error} error — ${report.conformant ? 'conformant' : 'NOT conformant'}`,
    )
    for (const check of report.checks.filter((c) => c.outcome === 'failed' || c.outcome === 'error')) {
      const spec = check.spec.map((ref) => ref.token).join(', ')
      lines.push(
        `  ${check.outcome === 'failed' ? '✗' : '!'} ${check.id} [${check.level}] ${check.message ?? ''} (${spec})`,
      )
    }
    lines.push(`  reports: ${dir}/report.json (+ junit.xml, report.html, summary.md)`)
  }
  return `${lines.join('\n')}\n`
}

export interface Io {
  out(text: string): void
  err(text: string): void
  isTTY: boolean
}

const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  get isTTY() {
    return Boolean(process.stderr.isTTY)
  },
}

function progressLine(io: Io): { update: (progress: Progress) => void; clear: () => void } {
  return {
    update: ({ done, total, target, area }) => io.err(`\r\x1b[2K  [${done}/${total}] ${target} · ${area}`),
    clear: () => io.err('\r\x1b[2K'),
  }
}

function append(value: string, previous: string[]): string[] {
  return [...previous, value]
}

function collect(value: string, previous: string[]): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ]
}

function parseShard(value: string): string {
  const match = /^(\d+)\/(\d+)$/.exec(value)
  if (!match || Number(match[1]) < 1 || Number(match[1]) > Number(match[2]))
    throw new InvalidArgumentError('must be i/n with 1 ≤ i ≤ n, e.g. 1/3')
  return value
}

function positiveInt(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer')
  return n
}
