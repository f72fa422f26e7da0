/**
 * The comparison as a side-by-side table (codeflow | oidc-provider | ratio | target) and as
 * JSON. Ratios are codeflow / oidc-provider: above 1 means Codeflow has more of it (good for
 * flows/s, bad for latency, CPU and memory).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { cpus, totalmem } from 'node:os'
import { dirname } from 'node:path'
import type { PhaseResult } from './load.js'
import type { ServerResult } from './measure-server.js'
import type { BenchOptions } from './options.js'
import type { PlainStart } from './plain-start.js'
import type { ServerName } from './profiles.js'
import { coresBusy, serverCpuBudgetMs } from './server-cpu-budget.js'

export interface Machine {
  cpus: number
  cpuModel: string
  memoryGiB: number
  node: string
  platform: string
}

export interface BenchReport {
  date: string
  machine: Machine
  options: Omit<BenchOptions, 'out'>
  servers: Partial<Record<ServerName, ServerResult>>
  rows: Row[]
}

interface Row {
  metric: string
  codeflow?: number
  oidcProvider?: number
  /** codeflow / oidc-provider */
  ratio?: number
  target?: string
  /** Whether Codeflow meets the target, when there is one and it was measured. */
  met?: boolean
  decimals: number
}

/** The throughput targets (docs/performance.md): Codeflow's flows/s over oidc-provider's, by concurrency. */
const flowsTarget: Record<number, number> = { 1: 2.2, 16: 2.6 }

export function machine(): Machine {
  const list = cpus()
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  }
}

export function buildReport(options: BenchOptions, servers: Partial<Record<ServerName, ServerResult>>): BenchReport {
  const { out: _out, ...shown } = options
  const codeflow = servers.codeflow
  const op = servers['oidc-provider']
  const floor = servers.floor
  const rows: Row[] = []
  const row = (
    metric: string,
    read: (server: ServerResult) => number | undefined,
    decimals: number,
    /** `check` answers undefined when it cannot tell (e.g. no ratio without oidc-provider). */
    target?: { text: string; check: (codeflow: number, ratio: number | undefined) => boolean | undefined },
  ) => {
    const a = codeflow ? read(codeflow) : undefined
    const b = op ? read(op) : undefined
    const ratio =
      a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : undefined
    const met = target && a !== undefined && Number.isFinite(a) ? target.check(a, ratio) : undefined

    rows.push({ metric, codeflow: a, oidcProvider: b, ratio, target: target?.text, met, decimals })
  }
  /** The best round (most flows/s) at this concurrency: the one least disturbed by other work. */
  const phase = (server: ServerResult, concurrency: number): PhaseResult | undefined =>
    server.phases
      .filter((candidate) => candidate.concurrency === concurrency)
      .sort((a, b) => b.flowsPerSecond - a.flowsPerSecond)[0]

  for (const concurrency of options.concurrencies) {
    const at = `@${concurrency}`
    const wanted = flowsTarget[concurrency]
    // The floor (floor-server.ts, the least work the flow needs) against oidc-provider: the best
    // ratio any server reaches with this load generator on this machine. Its figures go in the
    // codeflow column; the ratio is floor / oidc-provider, and the next row says how much of the
    // floor's throughput Codeflow reaches.
    if (floor) {
      const floorFlows = phase(floor, concurrency)?.flowsPerSecond
      const opFlows = op ? phase(op, concurrency)?.flowsPerSecond : undefined
      const codeflowFlows = codeflow ? phase(codeflow, concurrency)?.flowsPerSecond : undefined
      rows.push({
        metric: `floor server flows/s ${at}`,
        codeflow: floorFlows,
        oidcProvider: opFlows,
        ratio: floorFlows !== undefined && opFlows ? floorFlows / opFlows : undefined,
        decimals: 1,
      })
      rows.push({
        metric: `floor server CPU ms/flow ${at}`,
        codeflow: phase(floor, concurrency)?.serverCpuMsPerFlow,
        decimals: 2,
      })
      rows.push({
        metric: `codeflow share of the floor's flows/s ${at}`,
        codeflow: codeflowFlows !== undefined && floorFlows ? codeflowFlows / floorFlows : undefined,
        decimals: 2,
      })
    }
    row(
      `flows/s ${at}`,
      (s) => phase(s, concurrency)?.flowsPerSecond,
      1,
      wanted === undefined
        ? undefined
        : {
            text: `≥ ${wanted}× oidc-provider`,
            check: (_value, ratio) => (ratio === undefined ? undefined : ratio >= wanted),
          },
    )
    // What the target leaves the server at the cores this phase kept busy (server-cpu-budget.ts),
    // beside the floor's server CPU above: how much of the mock's own work the target asks to drop.
    row(`server + load-generator cores busy ${at}`, (s) => mapDefined(phase(s, concurrency), coresBusy), 2)
    const codeflowPhase = codeflow ? phase(codeflow, concurrency) : undefined
    const opPhase = op ? phase(op, concurrency) : undefined
    if (wanted !== undefined && codeflowPhase && opPhase) {
      rows.push({
        metric: `server CPU ms/flow the ${wanted}× target leaves ${at}`,
        codeflow: serverCpuBudgetMs(codeflowPhase, opPhase.flowsPerSecond, wanted),
        decimals: 2,
      })
    }
    row(`p50 flow latency ms ${at}`, (s) => phase(s, concurrency)?.latency.p50Ms, 1)
    row(`p99 flow latency ms ${at}`, (s) => phase(s, concurrency)?.latency.p99Ms, 1)
    row(`server CPU ms/flow ${at}`, (s) => phase(s, concurrency)?.serverCpuMsPerFlow, 2)
    row(`server CPU cores busy ${at}`, (s) => phase(s, concurrency)?.serverCpuCores, 2)
    row(`load-generator CPU ms/flow ${at}`, (s) => phase(s, concurrency)?.clientCpuMsPerFlow, 2)
    row(`load-generator CPU cores busy ${at}`, (s) => phase(s, concurrency)?.clientCpuCores, 2)
    row(`other processes' CPU cores ${at}`, (s) => phase(s, concurrency)?.otherCpuCores, 2)
    row(`flows done ${at}`, (s) => phase(s, concurrency)?.flows, 0)
    row(`failed flows ${at}`, (s) => phase(s, concurrency)?.failures, 0, {
      text: '0',
      check: (value) => value === 0,
    })
  }
  row('start: spawn → first answer ms (tsx child)', (s) => s.startUp.spawnToFirstAnswerMs, 0)
  row('start: process start → listening ms (tsx child)', (s) => s.startUp.processToListeningMs, 0)
  row('start: module start → listening ms', (s) => s.startUp.moduleToListeningMs, 1)
  row('idle RSS MiB (tsx child)', (s) => s.idleRssMiB, 1)
  // `codeflow idp` from dist/ against a bare Node http server started the same way (docs/performance.md
  // targets); the codeflow column holds each figure, and the ratios are codeflow idp / bare.
  const cold = (read: (start: PlainStart) => number) => (s: ServerResult) =>
    s.startUp.plainNode ? read(s.startUp.plainNode) : undefined
  row(
    'start: spawn → first answer ms, codeflow idp (dist)',
    cold((p) => p.codeflowIdp.spawnToFirstAnswerMs),
    0,
  )
  row(
    'start: spawn → first answer ms, bare node http',
    cold((p) => p.bareNode.spawnToFirstAnswerMs),
    0,
  )
  row(
    'start: … bare node http answering via a web Response',
    cold((p) => p.bareNodeWebResponse.spawnToFirstAnswerMs),
    0,
  )
  row(
    'start: codeflow idp / bare node http',
    cold((p) => p.codeflowIdp.spawnToFirstAnswerMs / p.bareNode.spawnToFirstAnswerMs),
    2,
    { text: '≤ 1.5×', check: (value) => value <= 1.5 },
  )
  row(
    'start: CPU ms to first answer, codeflow idp (dist)',
    cold((p) => p.codeflowIdp.cpuToFirstAnswerMs ?? Number.NaN),
    0,
  )
  row(
    'start: CPU ms to first answer, bare node http',
    cold((p) => p.bareNode.cpuToFirstAnswerMs ?? Number.NaN),
    0,
  )
  row(
    'start: CPU ms, … bare node http via a web Response',
    cold((p) => p.bareNodeWebResponse.cpuToFirstAnswerMs ?? Number.NaN),
    0,
  )
  row(
    'start CPU: codeflow idp / bare node http',
    cold((p) => (p.codeflowIdp.cpuToFirstAnswerMs ?? Number.NaN) / (p.bareNode.cpuToFirstAnswerMs ?? Number.NaN)),
    2,
  )
  row(
    'idle RSS MiB, codeflow idp (dist)',
    cold((p) => p.codeflowIdp.idleRssMiB),
    1,
  )
  row(
    'idle RSS MiB, bare node http',
    cold((p) => p.bareNode.idleRssMiB),
    1,
  )
  row(
    'idle RSS MiB, … bare node http via a web Response',
    cold((p) => p.bareNodeWebResponse.idleRssMiB),
    1,
  )
  row(
    'idle RSS: codeflow idp / bare node http',
    cold((p) => p.codeflowIdp.idleRssMiB / p.bareNode.idleRssMiB),
    2,
    { text: '≤ 1.25×', check: (value) => value <= 1.25 },
  )
  // After unequal work (each server did as many flows as it answered): the memory target is the
  // soak's, under the same load on both (`--soak`, soak.ts).
  row('RSS after the phases MiB (tsx child; unequal work, see --soak)', (s) => s.rssAfterLoadMiB, 1)

  return { date: new Date().toISOString(), machine: machine(), options: shown, servers, rows }
}

export function formatReport(report: BenchReport): string {
  const { machine: m, options: o } = report
  const header = ['metric', 'codeflow', 'oidc-provider', 'ratio cf/op', 'target']
  const lines = report.rows.map((row) => [
    row.metric,
    format(row.codeflow, row.decimals),
    format(row.oidcProvider, row.decimals),
    row.ratio === undefined ? '—' : `${row.ratio.toFixed(2)}×`,
    row.target ? `${row.target} ${row.met === undefined ? '(n/a)' : row.met ? 'ok' : 'MISSED'}` : '',
  ])
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)))
  const render = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
  const notes: string[] = []
  for (const server of Object.values(report.servers)) {
    if (!server) continue
    notes.push(
      `${server.name}: ${server.variant}${server.flowAvailable ? '' : ` — flow unavailable: ${server.unavailableReason}`}`,
    )
    for (const phase of server.phases) {
      if (phase.otherCpuCores > 0.25) {
        notes.push(
          `${server.name} @${phase.concurrency}: other processes took ${phase.otherCpuCores.toFixed(2)} cores during the phase; its figures are noisy`,
        )
      }
      if (phase.failures > 0) {
        notes.push(
          `${server.name} @${phase.concurrency}: ${phase.failures} failed flows ${JSON.stringify(phase.failuresByStep)}; e.g. ${phase.failureSamples.join(' | ')}`,
        )
      }
    }
  }
  return [
    `Codeflow bench — ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}`,
    `${o.seconds} s per phase after ${o.warmupSeconds} s warm-up; concurrency ${o.concurrencies.join(', ')}; ` +
      `${o.rounds} interleaved round(s), best kept; start-up median of ${o.startupRuns}`,
    '',
    render(header),
    render(widths.map((width) => '─'.repeat(width))),
    ...lines.map(render),
    '',
    ...notes,
  ].join('\n')
}

export async function writeJson(report: unknown, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, `${JSON.stringify(report, (_key, value) => (Number.isNaN(value) ? null : value), 2)}\n`)
}

function format(value: number | undefined, decimals: number): string {
  return value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(decimals)
}

function mapDefined<T, U>(value: T | undefined, map: (value: T) => U): U | undefined {
  return value === undefined ? undefined : map(value)
}
