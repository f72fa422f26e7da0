/**
 * `codeflow run`: run the conformance suite against one or more targets (or, with none, the
 * embedded mock IdP), write the reports, print a summary.
 * Exit codes: 0 conformant · 1 a check failed the gate (default: any failed MUST) · 2 the run
 * itself failed (bad target file, unreachable target, login driver that cannot start, a check
 * that could not be driven).
 */

import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { createMockIdp, type MockIdp } from '../../mock-idp/index.js'
import { type Baseline, parseBaseline } from '../../reports/baseline.js'
import { defaultOutDir } from '../../reports/write-reports.js'
import { checks, gatherers, selectChecks } from '../../suites/catalog.js'
import { runSuite, type SuiteRun } from '../../suites/harness/run-suite.js'
import { loadTargetFile, parseTargetFile, type TargetFile } from '../../suites/harness/target.js'
import { preflight } from '../../suites/run/preflight.js'
import type { Progress } from '../../suites/run/reporter.js'
import { type WrittenReport, writeRunReports } from '../../suites/run/write-run-reports.js'
import { projectNames } from '../../suites/vitest.conformance.config.js'
import { EXIT_CONFORMANT, EXIT_NON_CONFORMANT, EXIT_RUN_FAILED, type RunOptions } from './run-command.js'

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
    const baseline =
      options.baseline === undefined ? undefined : { file: options.baseline, baseline: readBaseline(options.baseline) }
    const selected = selectChecks(checks, options.only, options.skip)
    if (selected.length === 0) {
      io.err(`codeflow: --only/--skip select no check (see "codeflow checks")\n`)
      return EXIT_RUN_FAILED
    }
    for (const { target, baseDir, label } of targets) {
      const checked = await preflight(target, baseDir)
      if (!checked.ok) {
        const doctor = options.target.includes(label) ? `codeflow doctor --target ${label}` : 'codeflow doctor'
        io.err(`codeflow: ${label} (${target.issuer}): ${checked.problem} (run "${doctor}" to see each step)\n`)
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
      { failOn: options.failOn, ...(baseline ? { baseline } : {}) },
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
        return {
          target: { name: target.name, issuer: target.issuer },
          startedAt: now,
          finishedAt: now,
          results: [],
          rootCauses: [],
          robustness: [],
        }
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

/** A missing or invalid baseline stops the run before it starts (exit 2), naming the file. */
function readBaseline(file: string): Baseline {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new Error(`--baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  return parseBaseline(json, `--baseline ${file}`)
}
