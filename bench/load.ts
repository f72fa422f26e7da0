/**
 * A load phase: N clients, each an async loop with its own browser (keep-alive connection and
 * cookie jar), running complete flows back to back until the deadline. Flows in flight at the
 * deadline finish and count; throughput is flows over the time until the last one finished.
 * The server child's CPU time is read before and after, and so is this process's (the load
 * generator's), to show which side was the bottleneck.
 */
import { performance } from 'node:perf_hooks'
import { Browser } from './browser.js'
import { type FlowTarget, runFlow } from './flow.js'
import { FlowError } from './flow-error.js'
import { machineBusyMs } from './machine-cpu.js'
import type { ServerProcess } from './server-process.js'
import { type LatencySummary, summarize } from './stats.js'

export interface PhaseResult {
  concurrency: number
  elapsedSeconds: number
  flows: number
  flowsPerSecond: number
  latency: LatencySummary
  failures: number
  failuresByStep: Record<string, number>
  /** Up to three distinct failure messages, to say why without flooding. */
  failureSamples: string[]
  /** Server CPU (user + system) per successful flow, and as a share of one core. */
  serverCpuMsPerFlow: number
  serverCpuCores: number
  /** The load generator's CPU (this process) per successful flow, and as a share of one core. */
  clientCpuMsPerFlow: number
  clientCpuCores: number
  /** Cores busy with anything else on the machine (other processes): high means noisy figures. */
  otherCpuCores: number
  serverRssAfterMiB: number
}

export async function runPhase(
  server: Pick<ServerProcess, 'url' | 'usage'>,
  target: FlowTarget,
  concurrency: number,
  seconds: number,
  /** Paced load: this many flows per second in all (each client starts one every concurrency/rate s); 0 = as fast as the server answers. */
  rate = 0,
): Promise<PhaseResult> {
  const browsers = Array.from({ length: concurrency }, () => new Browser(server.url))
  const latencies: number[] = []
  const failuresByStep: Record<string, number> = {}
  const failureSamples = new Set<string>()
  let failures = 0

  const serverBefore = await server.usage()
  const clientBefore = process.cpuUsage()
  const machineBefore = machineBusyMs()
  const startedAt = performance.now()
  const deadline = startedAt + seconds * 1000

  const intervalMs = rate > 0 ? (concurrency / rate) * 1000 : 0
  const client = async (browser: Browser, index: number) => {
    // Paced clients start staggered, so that the flows are spread over each interval.
    let nextStart = startedAt + (intervalMs * index) / concurrency
    while (performance.now() < deadline) {
      if (intervalMs > 0) {
        const wait = nextStart - performance.now()
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
        nextStart += intervalMs
        if (performance.now() >= deadline) break
      }
      const flowStartedAt = performance.now()
      try {
        await runFlow(browser, target)
        latencies.push(performance.now() - flowStartedAt)
      } catch (error) {
        failures++
        const step = error instanceof FlowError ? error.step : 'transport'
        failuresByStep[step] = (failuresByStep[step] ?? 0) + 1
        if (failureSamples.size < 3) failureSamples.add(error instanceof Error ? error.message : String(error))
        // A failing server must not turn the loop into a busy spin.
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    }
  }

  try {
    await Promise.all(browsers.map((browser, index) => client(browser, index)))
  } finally {
    await Promise.all(browsers.map((browser) => browser.close()))
  }
  const elapsedMs = performance.now() - startedAt
  const clientCpu = process.cpuUsage(clientBefore)
  const machineMs = machineBusyMs() - machineBefore
  const serverAfter = await server.usage()

  const flows = latencies.length
  const serverCpuMs =
    (serverAfter.cpuUserMicros -
      serverBefore.cpuUserMicros +
      serverAfter.cpuSystemMicros -
      serverBefore.cpuSystemMicros) /
    1000
  const clientCpuMs = (clientCpu.user + clientCpu.system) / 1000
  return {
    concurrency,
    elapsedSeconds: elapsedMs / 1000,
    flows,
    flowsPerSecond: flows / (elapsedMs / 1000),
    latency: summarize(latencies),
    failures,
    failuresByStep,
    failureSamples: [...failureSamples],
    serverCpuMsPerFlow: flows ? serverCpuMs / flows : Number.NaN,
    serverCpuCores: serverCpuMs / elapsedMs,
    clientCpuMsPerFlow: flows ? clientCpuMs / flows : Number.NaN,
    clientCpuCores: clientCpuMs / elapsedMs,
    otherCpuCores: Math.max(0, (machineMs - serverCpuMs - clientCpuMs) / elapsedMs),
    serverRssAfterMiB: serverAfter.rssBytes / 2 ** 20,
  }
}
