/**
 * `codeflow run`: run the conformance suite against one or more targets (or, with none, the
 * embedded mock IdP), write the reports, print a summary. With `--repeat N`, N times, each run's
 * reports in `<out>/run-<i>/`, and the checks whose verdict changed listed (and in repeat.json).
 * Exit codes: 0 conformant · 1 a check failed the gate (default: any failed MUST) · 2 the run
 * itself failed (bad target file, unreachable target, login driver that cannot start) or is
 * incomplete (a check could not be driven), even when a MUST also failed (reports/gate.ts); with
 * --repeat, the worst run's.
 */

import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { installedVersion } from '../../core/optional-peer.js'
import { createMockIdp, type MockIdp } from '../../mock-idp/index.js'
import type { Baseline } from '../../reports/baseline.js'
import { EXIT, exitCodeOf } from '../../reports/gate.js'
import { renderConsole } from '../../reports/render-console.js'
import type { SuiteRun } from '../../reports/run-result.js'
import { defaultOutDir } from '../../reports/write-reports.js'
import { checks, selectChecks } from '../../suites/catalog.js'
import { loadTargetFile, parseTargetFile, type TargetFile } from '../../suites/harness/target.js'
import { compareRepeats, type RepeatSummary, worstExitCode } from '../../suites/run/compare-repeats.js'
import {
  type ConformanceRunOptions,
  type ConformanceTarget,
  type Progress,
  projectNames,
} from '../../suites/run/conformance-run.js'
import { preflight, preflightFailedRun } from '../../suites/run/preflight.js'
import { runConformance } from '../../suites/run/run-conformance.js'
import { writeRunReports } from '../../suites/run/write-run-reports.js'
import { readBaselineFile } from './baseline-file.js'
import { chooseEngine } from './engine-choice.js'
import type { RunOptions } from './run-options.js'

export async function runCommand(options: RunOptions, io: Io = processIo): Promise<number> {
  const choice = chooseEngine(options, installedVersion('vitest'))
  if ('problem' in choice) {
    io.err(`codeflow: ${choice.problem}\n`)
    return EXIT.runFailed
  }
  if (choice.note) io.err(`codeflow: ${choice.note}\n`)
  const engine = choice.engine
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
      options.baseline === undefined
        ? undefined
        : { file: options.baseline, baseline: readBaselineFile(options.baseline) }
    const selected = selectChecks(checks, options.only, options.skip)
    if (selected.length === 0) {
      io.err(`codeflow: --only/--skip select no check (see "codeflow checks")\n`)
      return EXIT.runFailed
    }
    const labels = projectNames(targets)
    const failedPreflights: Array<{ run: SuiteRun; target: TargetFile; label: string }> = []
    for (const [index, { target, baseDir, label }] of targets.entries()) {
      const checked = await preflight(target, baseDir)
      if (!checked.ok) {
        const doctor = options.target.includes(label) ? `codeflow doctor --target ${label}` : 'codeflow doctor'
        io.err(`codeflow: ${label} (${target.issuer}): ${checked.problem} (run "${doctor}" to see each step)\n`)
        failedPreflights.push({ run: preflightFailedRun(checked, selected), target, label: labels[index]! })
      }
    }
    if (failedPreflights.length > 0) {
      // Nothing runs; the reports still say why, once: incomplete, with the preflight as the root cause.
      io.out(
        renderConsole(writeRunReports(failedPreflights, options.out ?? defaultOutDir(), { failOn: options.failOn })),
      )
      return EXIT.runFailed
    }

    const out = options.out ?? defaultOutDir()
    const repeat = options.repeat ?? 1
    const repeats: Array<Array<{ label: string; run: SuiteRun }>> = []
    const exitCodes: number[] = []
    for (let index = 1; index <= repeat; index++) {
      if (repeat > 1) io.err(`codeflow: run ${index} of ${repeat}\n`)
      const once = await runOnce(
        targets,
        { ...options, engine },
        repeat > 1 ? join(out, `run-${index}`) : out,
        baseline,
        io,
      )
      repeats.push(once.runs.map((run, target) => ({ label: labels[target]!, run })))
      exitCodes.push(once.exitCode)
    }
    if (repeat === 1) return exitCodes[0]!
    const summary = compareRepeats(repeats, exitCodes)
    mkdirSync(out, { recursive: true })
    writeFileSync(join(out, 'repeat.json'), `${JSON.stringify(summary, null, 2)}\n`)
    io.out(repeatSummary(summary, join(out, 'repeat.json')))
    return worstExitCode(exitCodes)
  } finally {
    await idp?.close()
  }
}

/** One run of the selection against every target: reports written, summary printed, its exit code. */
async function runOnce(
  targets: Array<{ target: TargetFile; baseDir: string; label: string }>,
  options: RunOptions,
  out: string,
  baseline: { file: string; baseline: Baseline } | undefined,
  io: Io,
): Promise<{ runs: SuiteRun[]; exitCode: number }> {
  const progress = io.isTTY ? progressLine(io) : undefined
  const { runs, runErrors } = await runConformance(conformanceOptions(targets, options, progress?.update))
  progress?.clear()

  const labels = projectNames(targets)
  const written = writeRunReports(
    runs.map((run, index) => ({ run, target: targets[index]!.target, label: labels[index]! })),
    out,
    { failOn: options.failOn, runErrors, ...(baseline ? { baseline } : {}) },
  )
  io.out(renderConsole(written))
  if (runErrors.length > 0) {
    io.err(`codeflow: the run failed:\n${runErrors.map((line) => `  ${line}`).join('\n')}\n`)
    return { runs, exitCode: EXIT.runFailed }
  }
  return { runs, exitCode: exitCodeOf(written.map(({ report }) => report)) }
}

/** Flags → runConformance's options; the vitest-only ones go with the vitest engine (engine-choice.ts). */
function conformanceOptions(
  targets: ConformanceTarget[],
  options: RunOptions,
  onProgress: ((progress: Progress) => void) | undefined,
): ConformanceRunOptions {
  const common = {
    targets,
    only: options.only,
    skip: options.skip,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(onProgress ? { onProgress } : {}),
  }
  if (options.engine === 'direct') return { ...common, engine: 'direct' }
  return {
    ...common,
    engine: 'vitest',
    ...(options.workers ? { workers: options.workers } : {}),
    ...(options.shard ? { shard: options.shard } : {}),
    ...(options.testNamePattern ? { testNamePattern: options.testNamePattern } : {}),
    tagsFilter: options.tagsFilter,
  }
}

function repeatSummary(summary: RepeatSummary, file: string): string {
  const lines = [
    `repeat: ${summary.runs} runs (exit codes ${summary.exitCodes.join(', ')}); ${
      summary.changed.length === 0
        ? 'every check had the same verdict in every run'
        : `${summary.changed.length} check${summary.changed.length === 1 ? '' : 's'} changed verdict between runs:`
    }`,
  ]
  for (const { target, id, outcomes } of summary.changed)
    lines.push(`  ≠ ${target}: ${id}: ${outcomes.map((outcome) => outcome ?? '—').join(' → ')}`)
  lines.push(`  ${file}`)
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
