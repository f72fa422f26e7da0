/**
 * Soak: one server under steady load for a long time, printing its RSS and heap every few
 * seconds so memory flatness (or growth) can be seen, then a summary with the growth between
 * the first and the last quarter of the run.
 */
import { performance } from 'node:perf_hooks'
import { Browser } from './browser.js'
import { prepareTarget } from './flow.js'
import { runPhase } from './load.js'
import type { BenchOptions } from './options.js'
import { profiles } from './profiles.js'
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
  seconds: number
  samples: SoakSample[]
  flows: number
  failures: number
  idleRssMiB: number
  /** Mean RSS of the last quarter of samples minus that of the first quarter (after warm-up). */
  rssGrowthMiB: number
}

export async function soak(options: BenchOptions, log: (line: string) => void): Promise<SoakResult> {
  const server = await ServerProcess.start(options.soakServer)
  try {
    const idle = await server.usage()
    const setup = new Browser(server.url)
    const target = await prepareTarget(setup, server.url, profiles[options.soakServer]).finally(() => setup.close())
    log(
      `soak: ${options.soakServer} (${server.variant}) at ${options.soakConcurrency} clients for ${options.soakSeconds} s, ` +
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
      const phase = await runPhase(server, target, options.soakConcurrency, slice)
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
        `  ${sample.atSeconds.toFixed(0).padStart(5)} s  RSS ${sample.rssMiB.toFixed(1).padStart(6)} MiB  ` +
          `heap ${sample.heapUsedMiB.toFixed(1).padStart(6)} MiB  ${phase.flowsPerSecond.toFixed(0).padStart(5)} flows/s  ` +
          `${flows} flows, ${failures} failed${phase.failureSamples[0] ? ` (${phase.failureSamples[0]})` : ''}`,
      )
    }
    const quarter = Math.max(1, Math.floor(samples.length / 4))
    const mean = (list: SoakSample[]) => list.reduce((sum, sample) => sum + sample.rssMiB, 0) / list.length
    const rssGrowthMiB = samples.length >= 2 ? mean(samples.slice(-quarter)) - mean(samples.slice(0, quarter)) : 0
    log(`soak: ${flows} flows, ${failures} failed; RSS growth first→last quarter ${rssGrowthMiB.toFixed(1)} MiB`)
    return {
      server: options.soakServer,
      variant: server.variant,
      concurrency: options.soakConcurrency,
      seconds: options.soakSeconds,
      samples,
      flows,
      failures,
      idleRssMiB: idle.rssBytes / 2 ** 20,
      rssGrowthMiB,
    }
  } finally {
    await server.stop()
  }
}
