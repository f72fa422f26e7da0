/**
 * Runs the Playwright examples (examples/playwright/*.spec.ts) in `npm test`: Playwright Test is
 * its own runner, so this vitest test starts it the way a partner would, reads its JSON report,
 * and fails unless every expected example ran and passed (a skipped or missing one fails too).
 * No Chromium is a failure that says what to install, never a skip.
 */
import { spawn } from 'node:child_process'
import { readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { requireChromium } from '../../suites/drivers/find-chromium.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const RUN_TIMEOUT_MS = 180_000

/** Every example, as "file › title": the report must list each one as passed. */
const EXPECTED = [
  'page-route.spec.ts › signs in through the real pages at a fixed https issuer',
  'page-route.spec.ts › skips every page: skipPages and a skip_consent client',
  'real-port.spec.ts › shows the error a denied consent sends back',
  'real-port.spec.ts › signs in through the login and consent pages',
  'real-port.spec.ts › skips the login page with signIn.skipPages',
]

it(
  'runs the Playwright examples, and every one passes',
  async () => {
    requireChromium() // throws "Install Chromium with `apt-get install -y chromium` …" when there is none
    const reportFile = join(tmpdir(), `codeflow-playwright-${process.pid}-${Date.now()}.json`)
    try {
      const run = await runPlaywright(reportFile)
      const report = await readFile(reportFile, 'utf8')
        .then((text) => JSON.parse(text) as JsonReport)
        .catch(() => undefined)
      const outcomes = report ? specOutcomes(report) : []
      const diagnosis = [
        `exit code ${run.code}${run.timedOut ? ` (killed after ${RUN_TIMEOUT_MS} ms)` : ''}`,
        ...(report?.errors ?? []).map((error) => error.message ?? ''),
        ...outcomes.filter((o) => o.status !== 'passed').map((o) => `${o.name}: ${o.status} ${o.error ?? ''}`),
        run.output.slice(-4000),
      ].join('\n')
      expect(report, `no JSON report was written\n${diagnosis}`).toBeDefined()
      expect(
        outcomes.map((o) => `${o.name}: ${o.status}`),
        diagnosis,
      ).toEqual(EXPECTED.map((name) => `${name}: passed`))
      expect(run.code, diagnosis).toBe(0)
    } finally {
      await rm(reportFile, { force: true })
    }
  },
  RUN_TIMEOUT_MS + 30_000,
)

interface Run {
  code: number | null
  timedOut: boolean
  /** stdout and stderr, interleaved (the JSON report goes to the file, not here). */
  output: string
}

function runPlaywright(reportFile: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'npx',
      ['--no-install', 'playwright', 'test', '-c', 'examples/playwright/playwright.config.ts', '--reporter=json'],
      {
        cwd: ROOT,
        env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: reportFile, FORCE_COLOR: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group, so a timeout ends Playwright's workers and browsers too.
        detached: true,
      },
    )
    let output = ''
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-100_000)
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
    }, RUN_TIMEOUT_MS)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, timedOut, output })
    })
  })
}

/** The parts of Playwright's JSON report read here. */
interface JsonReport {
  suites?: JsonSuite[]
  errors?: Array<{ message?: string }>
}
interface JsonSuite {
  file?: string
  specs?: Array<{
    title: string
    file: string
    tests: Array<{ status: string; results: Array<{ status: string; error?: { message?: string } }> }>
  }>
  suites?: JsonSuite[]
}

interface Outcome {
  name: string
  /** "passed" only if every test of the spec was expected to pass and its last attempt passed. */
  status: string
  error?: string
}

function specOutcomes(report: JsonReport): Outcome[] {
  const outcomes: Outcome[] = []
  const visit = (suite: JsonSuite) => {
    for (const spec of suite.specs ?? []) {
      const statuses = spec.tests.map((test) => {
        const last = test.results.at(-1)
        return test.status === 'expected' && last?.status === 'passed' ? 'passed' : (last?.status ?? test.status)
      })
      const failed = spec.tests.flatMap((test) => test.results).find((result) => result.error)
      outcomes.push({
        name: `${spec.file} › ${spec.title}`,
        status: statuses.length > 0 && statuses.every((s) => s === 'passed') ? 'passed' : statuses.join(','),
        error: failed?.error?.message,
      })
    }
    for (const child of suite.suites ?? []) visit(child)
  }
  for (const suite of report.suites ?? []) visit(suite)
  return outcomes.sort((a, b) => a.name.localeCompare(b.name))
}
