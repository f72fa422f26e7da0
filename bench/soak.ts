/**
 * Soak: each server in turn (Codeflow, then oidc-provider, in the same sitting) under steady load
 * for a long time, printing its RSS and heap every few seconds so memory flatness (or growth) can
 * be seen, then a summary per server: growth between the first and the last quarter, whether the
 * last window (the last 300 s, or the second half of a shorter soak) stayed within ±10% of its
 * mean, and the RSS after the load side by side.
 */
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { Browser } from './browser.js'
import { prepareTarget } from './flow.js'
import { runPhase } from './load.js'
import type { BenchOptions } from './options.js'
import { profiles, type ServerName } from './profiles.js'
import { ServerProcess } from './server-process.js'

export interface SoakSample {
  atSeconds: number
  rssMiB: number
  heapUsedMiB: number
  flows: number
  failures: number
}

export interface SoakResult {
  server: string
  variant: string
  concurrency: number
  /** Paced flows per second (0: unpaced). */
  rate: number
  seconds: number
  samples: SoakSample[]
  flows: number
  failures: number
  idleRssMiB: number
  /** Mean RSS of the last quarter of samples minus that of the first quarter (after warm-up). */
  rssGrowthMiB: number
  /** The flatness window: its length, mean RSS and the largest deviation of a sample from that mean. */
  lastWindow: { seconds: number; meanRssMiB: number; maxDeviationPercent: number; flat: boolean }
  /** RSS of the last sample: after the whole load. */
  rssAfterLoadMiB: number
  /**
   * RSS and heap once the server has been idle for IDLE_AFTER_SECONDS after the load: what it keeps
   * when the work stops (V8 gives memory back when allocation stops; the store keeps what is live).
   */
  afterIdle: { seconds: number; rssMiB: number; heapUsedMiB: number }
}

const IDLE_AFTER_SECONDS = 15

/** The last 300 s of a soak must stay within ±10% of their mean (issue target for `--soak 600`). */
export const FLAT_WINDOW_SECONDS = 300
export const FLAT_TOLERANCE_PERCENT = 10

export async function soak(
  options: BenchOptions,
  log: (line: string) => void,
): Promise<{ soaks: SoakResult[]; lines: string[] }> {
  const soaks: SoakResult[] = []
  for (const name of options.soakServers) soaks.push(await soakOne(name, options, log))
  return { soaks, lines: summarise(soaks) }
}

async function soakOne(name: ServerName, options: BenchOptions, log: (line: string) => void): Promise<SoakResult> {
  const server = await ServerProcess.start(name)
  try {
    const idle = await server.usage()
    const setup = new Browser(server.url)
    const target = await prepareTarget(setup, server.url, profiles[name]).finally(() => setup.close())
    log(
      `soak: ${name} (${server.variant}) at ${options.soakConcurrency} clients${options.soakRate > 0 ? `, ${options.soakRate} flows/s in all,` : ''} for ${options.soakSeconds} s, ` +
        `idle RSS ${(idle.rssBytes / 2 ** 20).toFixed(1)} MiB`,
    )
    const samples: SoakSample[] = []
    const startedAt = performance.now()
    const deadline = startedAt + options.soakSeconds * 1000
    let flows = 0
    let failures = 0
    // One phase per interval keeps the loop simple and bounded; clients reconnect between slices.
    while (performance.now() < deadline) {
      const slice = Math.min(options.soakIntervalSeconds, (deadline - performance.now()) / 1000)
      if (slice <= 0.05) break
      const phase = await runPhase(server, target, options.soakConcurrency, slice, options.soakRate)
      flows += phase.flows
      failures += phase.failures
      const usage = await server.usage()
      const sample: SoakSample = {
        atSeconds: (performance.now() - startedAt) / 1000,
        rssMiB: usage.rssBytes / 2 ** 20,
        heapUsedMiB: usage.heapUsedBytes / 2 ** 20,
        flows,
        failures,
      }
      samples.push(sample)
      log(
        `  ${name.padEnd(13)} ${sample.atSeconds.toFixed(0).padStart(5)} s  RSS ${sample.rssMiB.toFixed(1).padStart(6)} MiB  ` +
          `heap ${sample.heapUsedMiB.toFixed(1).padStart(6)} MiB  ${phase.flowsPerSecond.toFixed(0).padStart(5)} flows/s  ` +
          `${flows} flows, ${failures} failed${phase.failureSamples[0] ? ` (${phase.failureSamples[0]})` : ''}`,
      )
    }
    const quarter = Math.max(1, Math.floor(samples.length / 4))
    const mean = (list: SoakSample[]) => list.reduce((sum, sample) => sum + sample.rssMiB, 0) / list.length
    const rssGrowthMiB = samples.length >= 2 ? mean(samples.slice(-quarter)) - mean(samples.slice(0, quarter)) : 0
    const last = samples.at(-1)
    const windowSeconds = Math.min(FLAT_WINDOW_SECONDS, (last?.atSeconds ?? 0) / 2)
    const window = samples.filter((sample) => last && sample.atSeconds >= last.atSeconds - windowSeconds)
    const windowMean = window.length > 0 ? mean(window) : Number.NaN
    const maxDeviationPercent = Math.max(
      0,
      ...window.map((sample) => (Math.abs(sample.rssMiB - windowMean) / windowMean) * 100),
    )
    await sleep(IDLE_AFTER_SECONDS * 1000)
    const rested = await server.usage()
    const result: SoakResult = {
      server: name,
      variant: server.variant,
      concurrency: options.soakConcurrency,
      rate: options.soakRate,
      seconds: options.soakSeconds,
      samples,
      flows,
      failures,
      idleRssMiB: idle.rssBytes / 2 ** 20,
      rssGrowthMiB,
      lastWindow: {
        seconds: windowSeconds,
        meanRssMiB: windowMean,
        maxDeviationPercent,
        flat: window.length >= 2 && maxDeviationPercent <= FLAT_TOLERANCE_PERCENT,
      },
      rssAfterLoadMiB: last?.rssMiB ?? Number.NaN,
      afterIdle: {
        seconds: IDLE_AFTER_SECONDS,
        rssMiB: rested.rssBytes / 2 ** 20,
        heapUsedMiB: rested.heapUsedBytes / 2 ** 20,
      },
    }
    log(
      `soak: ${name}: ${flows} flows, ${failures} failed; RSS growth first→last quarter ${rssGrowthMiB.toFixed(1)} MiB`,
    )
    return result
  } finally {
    await server.stop()
  }
}

function summarise(soaks: SoakResult[]): string[] {
  const lines = soaks.map(
    (result) =>
      `soak ${result.server}: ${result.flows} flows (${result.failures} failed) at ${result.concurrency} clients` +
      `${result.rate > 0 ? ` paced at ${result.rate} flows/s` : ''} in ${result.seconds} s; ` +
      `RSS idle ${result.idleRssMiB.toFixed(1)} → after load ${result.rssAfterLoadMiB.toFixed(1)} MiB; ` +
      `${result.afterIdle.seconds} s idle after it ${result.afterIdle.rssMiB.toFixed(1)} MiB (heap ${result.afterIdle.heapUsedMiB.toFixed(1)}); ` +
      `last ${result.lastWindow.seconds.toFixed(0)} s: mean ${result.lastWindow.meanRssMiB.toFixed(1)} MiB, ` +
      `max deviation ${result.lastWindow.maxDeviationPercent.toFixed(1)}% (target ±${FLAT_TOLERANCE_PERCENT}% ${result.lastWindow.flat ? 'ok' : 'MISSED'})`,
  )
  const codeflow = soaks.find((result) => result.server === 'codeflow')
  const op = soaks.find((result) => result.server === 'oidc-provider')
  if (codeflow && op) {
    const ratio = codeflow.rssAfterLoadMiB / op.rssAfterLoadMiB
    const window = codeflow.lastWindow.meanRssMiB / op.lastWindow.meanRssMiB
    const idle = codeflow.afterIdle.rssMiB / op.afterIdle.rssMiB
    // Unpaced, each server does as many flows as it can in the same time: the faster one allocates
    // faster. Paced, both get the same flows per second, as long as both keep up.
    const sameWork =
      codeflow.rate > 0 && Math.abs(codeflow.flows - op.flows) <= 0.02 * Math.max(codeflow.flows, op.flows)
    lines.push(
      `soak RSS after the same load (${codeflow.rate > 0 ? (sameWork ? `paced at ${codeflow.rate} flows/s, same flows` : `paced at ${codeflow.rate} flows/s, but one server did not keep up`) : 'unpaced: the same clients and time, not the same flows'}): codeflow ${codeflow.rssAfterLoadMiB.toFixed(1)} MiB / oidc-provider ${op.rssAfterLoadMiB.toFixed(1)} MiB = ${ratio.toFixed(2)}× (target < 1× ${ratio < 1 ? 'ok' : 'MISSED'}); ` +
        `mean of the last window ${window.toFixed(2)}×; after ${codeflow.afterIdle.seconds} s idle ${idle.toFixed(2)}×; ` +
        `flows: ${codeflow.flows} / ${op.flows}`,
    )
  }
  return lines
}
