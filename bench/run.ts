/**
 * `npm run bench`: the Codeflow mock IdP and oidc-provider, each in its own child process, run
 * the same full authorization-code flow at each concurrency; the comparison is printed and
 * written to bench/results/latest.json. `--soak N` soaks one server instead. See options.ts.
 *
 * Phases are interleaved (codeflow, oidc-provider, then the other way round in the next round)
 * so that background load on a shared machine hits both servers alike.
 */
import { dirname, join } from 'node:path'
import { clientRunLine, timeClientRun } from './client-time.js'
import { runPhase } from './load.js'
import { type MeasuredServer, type ServerResult, startMeasured } from './measure-server.js'
import { readOptions } from './options.js'
import type { ServerName } from './profiles.js'
import { buildReport, formatReport, machine, writeJson } from './report.js'
import { killAllServers } from './server-process.js'
import { soak } from './soak.js'
import { LATENCY_TARGET, type SuiteTime, timeSuite, timeSuiteWithLatency } from './suite-time.js'

const log = (line: string) => process.stderr.write(`${line}\n`)

process.on('exit', killAllServers)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`bench: ${signal}, stopping the servers`)
    killAllServers()
    process.exit(130)
  })
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2), process.env)

  if (options.soakSeconds > 0) {
    const { soaks, lines } = await soak(options, log)
    process.stdout.write(`\n${lines.join('\n')}\n`)
    const out = join(dirname(options.out), 'soak.json')
    await writeJson({ date: new Date().toISOString(), machine: machine(), soaks }, out)
    log(`written to ${out}`)
    return
  }

  if (options.instances > 0) {
    const { benchInstances } = await import('./several-instances.js')
    await benchInstances(options, log)
    return
  }

  if (options.suiteOnly) {
    const suite = await timeSuites()
    process.stdout.write(`\n${suite.lines.join('\n')}\n`)
    await writeJson({ date: new Date().toISOString(), machine: machine(), suite: suite.times }, options.out)
    log(`written to ${options.out}`)
    return
  }

  const measured: MeasuredServer[] = []
  try {
    for (const name of options.servers) measured.push(await startMeasured(name, options, log))
    const runnable = measured.filter((server) => server.target)
    for (const concurrency of options.concurrencies) {
      for (let round = 0; round < options.rounds; round++) {
        const order = round % 2 === 0 ? runnable : [...runnable].reverse()
        for (const server of order) {
          const target = server.target!
          if (options.warmupSeconds > 0) await runPhase(server.process, target, concurrency, options.warmupSeconds)
          const phase = await runPhase(server.process, target, concurrency, options.seconds)
          server.result.phases.push(phase)
          log(
            `${server.result.name} @${concurrency}${options.rounds > 1 ? ` round ${round + 1}` : ''}: ` +
              `${phase.flowsPerSecond.toFixed(1)} flows/s, p50 ${phase.latency.p50Ms.toFixed(1)} ms, ` +
              `p99 ${phase.latency.p99Ms.toFixed(1)} ms, server CPU ${phase.serverCpuMsPerFlow.toFixed(2)} ms/flow, ` +
              `other processes ${phase.otherCpuCores.toFixed(2)} cores, ${phase.failures} failed`,
          )
        }
      }
    }
    for (const server of runnable) server.result.rssAfterLoadMiB = (await server.process.usage()).rssBytes / 2 ** 20
  } finally {
    for (const server of measured) await server.finish()
  }

  const servers: Partial<Record<ServerName, ServerResult>> = {}
  for (const server of measured) servers[server.result.name] = server.result
  const report = buildReport(options, servers)
  const suite = await timeSuites()
  process.stdout.write(`\n${formatReport(report)}\n${suite.lines.join('\n')}\n`)
  await writeJson({ ...report, suite: suite.times }, options.out)
  log(`written to ${options.out}`)
}

/** The conformance suite against the mock: as it is, then with LATENCY_TARGET.delayMs on every response. */
async function timeSuites(): Promise<{ times: SuiteTime[]; lines: string[] }> {
  const plain = await timeSuite(log)
  const delayed = await timeSuiteWithLatency(log)
  const client = await timeClientRun(log)
  const lines = [
    ...plain.map(
      (time) =>
        `full conformance suite vs embedded mock (${time.engine}): ${time.seconds.toFixed(1)} s, ${time.checks} checks, exit ${time.exitCode}  (target < 15 s ${time.seconds < 15 ? 'ok' : 'MISSED'})`,
    ),
    ...delayed.map(
      (time) =>
        `full conformance suite vs mock +${time.delayMs} ms per response (${time.engine}): ${time.seconds.toFixed(1)} s, ${time.checks} checks, exit ${time.exitCode}${time.wentSerial ? ', went serial' : ''}  (target < ${LATENCY_TARGET.seconds} s ${time.seconds < LATENCY_TARGET.seconds ? 'ok' : 'MISSED'})`,
    ),
    ...(client ? [clientRunLine(client)] : []),
  ]
  return { times: [...plain, ...delayed], lines }
}

main().catch((error: unknown) => {
  log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  killAllServers()
  process.exitCode = 1
})
