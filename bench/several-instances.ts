/**
 * `npm run bench -- --instances N --store redis`: the full flow's throughput with 1, 2, … N
 * Codeflow instances behind a round-robin balancer (balancer.ts), all sharing one redis-server
 * started for the bench, and oidc-provider (one process, in memory) beside them at the same
 * concurrency. Each instance, the balancer and Redis are processes of their own, so on a
 * machine with few cores they compete with each other and with the load generator: the report
 * prints the cores and the load average so the figures can be read for what they are.
 * Results: bench/results/instances.json.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort, RedisServer } from '../test/support/redis-server.js'
import { Browser } from './browser.js'
import { type FlowTarget, prepareTarget, runFlow } from './flow.js'
import type { Usage } from './ipc.js'
import { type PhaseResult, runPhase } from './load.js'
import type { BenchOptions } from './options.js'
import { profiles } from './profiles.js'
import { machine, writeJson } from './report.js'
import { ServerProcess } from './server-process.js'

const balancerEntry = fileURLToPath(new URL('./balancer.ts', import.meta.url))

interface Row {
  setup: string
  concurrency: number
  phase: PhaseResult
}

export async function benchInstances(options: BenchOptions, log: (line: string) => void): Promise<void> {
  if (options.store !== 'redis')
    throw new Error('--instances needs --store redis (instances share state only through Redis)')
  const redis = await RedisServer.start()
  const balancerPort = await freePort()
  const issuer = `http://127.0.0.1:${balancerPort}`
  const instances: ServerProcess[] = []
  let balancer: ChildProcess | undefined
  const rows: Row[] = []
  try {
    for (let i = 0; i < options.instances; i++) {
      instances.push(
        await ServerProcess.start('codeflow', { BENCH_CODEFLOW_STORE: redis.url(), BENCH_CODEFLOW_ISSUER: issuer }),
      )
    }
    log(
      `codeflow: ${options.instances} instance(s) (${instances[0]?.variant}), Redis ${redis.url()}, balancer ${issuer}`,
    )
    const oidcProvider = await ServerProcess.start('oidc-provider')
    try {
      for (const concurrency of options.concurrencies) {
        for (let count = 1; count <= options.instances; count++) {
          balancer = await startBalancer(balancerPort, instances.slice(0, count))
          const group = instances.slice(0, count)
          const target = await probe(issuer, 'codeflow')
          const server = { url: issuer, usage: () => summed(group) }
          if (options.warmupSeconds > 0) await runPhase(server, target, concurrency, options.warmupSeconds)
          const phase = await runPhase(server, target, concurrency, options.seconds)
          rows.push({ setup: `codeflow ×${count} + Redis`, concurrency, phase })
          log(line(rows.at(-1)!))
          await stop(balancer)
          balancer = undefined
        }
        const target = await probe(oidcProvider.url, 'oidc-provider')
        if (options.warmupSeconds > 0) await runPhase(oidcProvider, target, concurrency, options.warmupSeconds)
        rows.push({
          setup: 'oidc-provider ×1 (memory)',
          concurrency,
          phase: await runPhase(oidcProvider, target, concurrency, options.seconds),
        })
        log(line(rows.at(-1)!))
      }
    } finally {
      await oidcProvider.stop()
    }
  } finally {
    if (balancer) await stop(balancer)
    for (const instance of instances) await instance.stop()
    await redis.stop()
  }
  const load = loadavg().map((value) => value.toFixed(2))
  const header = `machine: ${machine().cpus} × ${machine().cpuModel}, Node ${process.version}, load average ${load.join(' / ')}`
  process.stdout.write(`\n${header}\n${rows.map(line).join('\n')}\n`)
  process.stdout.write(
    '\nServer CPU counts the Codeflow instances only (not Redis nor the balancer); "other" is every other process.\n',
  )
  const out = join(dirname(options.out), 'instances.json')
  await writeJson({ date: new Date().toISOString(), machine: machine(), loadAverage: loadavg(), rows }, out)
  log(`written to ${out}`)
}

function line({ setup, concurrency, phase }: Row): string {
  return [
    setup.padEnd(28),
    `c=${String(concurrency).padEnd(3)}`,
    `${phase.flowsPerSecond.toFixed(1).padStart(7)} flows/s`,
    `p99 ${phase.latency.p99Ms.toFixed(1).padStart(6)} ms`,
    `server CPU ${phase.serverCpuMsPerFlow.toFixed(2)} ms/flow (${phase.serverCpuCores.toFixed(2)} cores)`,
    `load generator ${phase.clientCpuCores.toFixed(2)} cores`,
    `other ${phase.otherCpuCores.toFixed(2)} cores`,
    `failures ${phase.failures}`,
  ].join('  ')
}

/** Discovery, the JWK Set and one whole flow through `url`, before anything is measured. */
async function probe(url: string, name: 'codeflow' | 'oidc-provider'): Promise<FlowTarget> {
  const browser = new Browser(url)
  try {
    const target = await prepareTarget(browser, url, profiles[name])
    await runFlow(browser, target)
    return target
  } finally {
    await browser.close()
  }
}

/** The instances' CPU time and memory added up, as one server's. */
async function summed(group: ServerProcess[]): Promise<Usage> {
  const usages = await Promise.all(group.map((instance) => instance.usage()))
  return usages.reduce((sum, usage) => ({
    cpuUserMicros: sum.cpuUserMicros + usage.cpuUserMicros,
    cpuSystemMicros: sum.cpuSystemMicros + usage.cpuSystemMicros,
    rssBytes: sum.rssBytes + usage.rssBytes,
    heapUsedBytes: sum.heapUsedBytes + usage.heapUsedBytes,
  }))
}

function startBalancer(port: number, upstreams: ServerProcess[]): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', balancerEntry, String(port), ...upstreams.map((u) => u.url)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the balancer did not start within 30 s')), 30_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) {
        clearTimeout(timer)
        resolve(child)
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the balancer exited (${code}) at start`))
    })
  })
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}
