/**
 * One server under measurement: cold starts (median of several; the last start is kept
 * running), idle RSS, one probe flow (if it fails the server is reported as unavailable, with
 * the reason), then load phases run by the caller, and RSS after the load.
 */
import { Browser } from './browser.js'
import { codeflowBuild } from './codeflow-build.js'
import { type FlowTarget, prepareTarget, runFlow } from './flow.js'
import type { PhaseResult } from './load.js'
import type { BenchOptions } from './options.js'
import { type PlainStart, plainStart } from './plain-start.js'
import { profiles, type ServerName } from './profiles.js'
import { ServerProcess } from './server-process.js'

export interface ServerResult {
  name: ServerName
  variant: string
  startUp: {
    runs: number
    /** Medians over the runs. Child started as `node --import tsx <bench entry>`. */
    spawnToFirstAnswerMs: number
    spawnToReadyMs: number
    processToListeningMs: number
    moduleToListeningMs: number
    importMs: number
    listenMs: number
    /**
     * Codeflow only, when dist/ exists: `codeflow idp` under plain `node`, no tsx, beside a bare
     * Node http server started the same way (plain-start.ts).
     */
    plainNode?: PlainStart
  }
  idleRssMiB: number
  rssAfterLoadMiB?: number
  /** False when the probe flow failed: no phases ran. */
  flowAvailable: boolean
  unavailableReason?: string
  /** Every measured phase, all rounds (the report keeps the best round per concurrency). */
  phases: PhaseResult[]
  /** Distinct lines the server wrote to stderr (e.g. runtime warnings). */
  stderr: string[]
}

export interface MeasuredServer {
  process: ServerProcess
  result: ServerResult
  /** Present when the flow works. */
  target?: FlowTarget
  /** Collects stderr, stops every started process. */
  finish(): Promise<void>
}

export async function startMeasured(
  name: ServerName,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<MeasuredServer> {
  const starts: ServerProcess[] = []
  const finish = async () => {
    for (const start of starts) await start.stop()
  }
  try {
    for (let run = 0; run < options.startupRuns; run++) {
      const started = await ServerProcess.start(name)
      starts.push(started)
      if (run < options.startupRuns - 1) await started.stop()
    }
    const server = starts[starts.length - 1]!
    const idle = await server.usage()
    log(
      `${name}: ${server.variant}, listening at ${server.url}, first answer ${server.startUp.spawnToFirstAnswerMs.toFixed(0)} ms after spawn`,
    )

    let plainNode: PlainStart | undefined
    if (name === 'codeflow' && codeflowBuild().exists) {
      plainNode = await plainStart(options.startupRuns)
      const { codeflowIdp: idp, bareNode: bare } = plainNode
      log(
        `${name}: codeflow idp (dist) first answer ${idp.spawnToFirstAnswerMs.toFixed(0)} ms after spawn, idle RSS ${idp.idleRssMiB.toFixed(1)} MiB; ` +
          `bare node http ${bare.spawnToFirstAnswerMs.toFixed(0)} ms, ${bare.idleRssMiB.toFixed(1)} MiB`,
      )
    }

    const result: ServerResult = {
      name,
      variant: server.variant,
      startUp: {
        runs: starts.length,
        spawnToFirstAnswerMs: median(starts.map((start) => start.startUp.spawnToFirstAnswerMs)),
        spawnToReadyMs: median(starts.map((start) => start.startUp.spawnToReadyMs)),
        processToListeningMs: median(starts.map((start) => start.startUp.inProcess.processToListeningMs)),
        moduleToListeningMs: median(starts.map((start) => start.startUp.inProcess.moduleToListeningMs)),
        importMs: median(starts.map((start) => start.startUp.inProcess.importMs)),
        listenMs: median(starts.map((start) => start.startUp.inProcess.listenMs)),
        ...(plainNode ? { plainNode } : {}),
      },
      idleRssMiB: idle.rssBytes / 2 ** 20,
      flowAvailable: false,
      phases: [],
      stderr: [],
    }
    const measured: MeasuredServer = {
      process: server,
      result,
      finish: async () => {
        result.stderr = [...new Set(starts.flatMap((start) => start.stderr))]
        if (result.stderr.length > 0) log(`${name} wrote to stderr:\n  ${result.stderr.join('\n  ')}`)
        await finish()
      },
    }

    const setup = new Browser(server.url)
    try {
      measured.target = await prepareTarget(setup, server.url, profiles[name])
      await runFlow(setup, measured.target)
      result.flowAvailable = true
    } catch (error) {
      measured.target = undefined
      result.unavailableReason = error instanceof Error ? error.message : String(error)
      log(`${name}: the flow does not complete yet — ${result.unavailableReason}`)
    } finally {
      await setup.close()
    }
    return measured
  } catch (error) {
    await finish()
    throw error
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
