/**
 * Bench options from flags and environment variables (flags win):
 *   --quick                    2 s phases after a 1 s warm-up (a smoke run)
 *   --seconds N   BENCH_SECONDS           measured seconds per phase (default 10)
 *   --warmup N    BENCH_WARMUP_SECONDS    warm-up seconds before each phase (default 2)
 *   --concurrency 1,16   BENCH_CONCURRENCY
 *   --rounds N    BENCH_ROUNDS            interleaved rounds per concurrency, best kept (default 1)
 *   --only codeflow,oidc-provider,floor   BENCH_SERVERS (comma-separated; default all three; floor-server.ts
 *                              is the least work the flow needs, the best ratio any server can reach here)
 *   --startup-runs N   BENCH_STARTUP_RUNS  cold starts timed per server (default 3, median kept)
 *   --soak N      BENCH_SOAK_SECONDS      soak instead of comparing: N seconds of load on each server in turn
 *   --soak-interval N   BENCH_SOAK_INTERVAL_SECONDS   RSS print interval (default 5)
 *   --soak-concurrency N   BENCH_SOAK_CONCURRENCY   (default 16)
 *   --soak-rate N   BENCH_SOAK_RATE   the soak's pace: N flows/s in all, the same load for every server
 *                                     (default 200, what oidc-provider sustains on 2 cores with room to
 *                                     spare; 0: each server as fast as it answers)
 *   --soak-server NAMES   BENCH_SOAK_SERVER   comma-separated (default codeflow,oidc-provider)
 *   --out FILE    BENCH_OUT               JSON results (default bench/results/latest.json)
 *   --suite-only  BENCH_SUITE_ONLY=1      only the conformance suite's own times (suite-time.ts)
 *   --instances N --store redis   BENCH_INSTANCES, BENCH_STORE   1…N Codeflow instances sharing one
 *                                 Redis behind a round-robin balancer, beside oidc-provider (several-instances.ts)
 */
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { ServerName } from './profiles.js'

export interface BenchOptions {
  quick: boolean
  seconds: number
  warmupSeconds: number
  concurrencies: number[]
  rounds: number
  servers: ServerName[]
  startupRuns: number
  soakSeconds: number
  soakIntervalSeconds: number
  soakConcurrency: number
  /** Flows per second in all during the soak (the same load for every server); 0: unpaced. */
  soakRate: number
  /** Soaked one after the other, in the same sitting, for the comparison. */
  soakServers: ServerName[]
  out: string
  /** Skip the server comparison: only time the conformance suite (plain and with latency). */
  suiteOnly: boolean
  /** 0: the usual comparison; N: 1…N instances behind a balancer (several-instances.ts). */
  instances: number
  store: 'memory' | 'redis'
}

const serverNames: ServerName[] = ['codeflow', 'oidc-provider', 'floor']
const soakedByDefault: ServerName[] = ['codeflow', 'oidc-provider']

export function readOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      quick: { type: 'boolean', default: false },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      concurrency: { type: 'string' },
      rounds: { type: 'string' },
      only: { type: 'string' },
      'startup-runs': { type: 'string' },
      soak: { type: 'string' },
      'soak-interval': { type: 'string' },
      'soak-concurrency': { type: 'string' },
      'soak-rate': { type: 'string' },
      'soak-server': { type: 'string' },
      out: { type: 'string' },
      'suite-only': { type: 'boolean', default: false },
      instances: { type: 'string' },
      store: { type: 'string' },
    },
  })
  const quick = values.quick || env.BENCH_QUICK === '1'
  const pick = (flag: string | undefined, variable: string | undefined, fallback: string) =>
    flag ?? (variable?.trim() ? variable : fallback)
  return {
    quick,
    seconds: positive('seconds', pick(values.seconds, env.BENCH_SECONDS, quick ? '2' : '10')),
    warmupSeconds: nonNegative('warmup', pick(values.warmup, env.BENCH_WARMUP_SECONDS, quick ? '1' : '2')),
    concurrencies: list(pick(values.concurrency, env.BENCH_CONCURRENCY, '1,16')).map((value) =>
      Math.round(positive('concurrency', value)),
    ),
    rounds: Math.round(positive('rounds', pick(values.rounds, env.BENCH_ROUNDS, '1'))),
    servers: list(pick(values.only, env.BENCH_SERVERS, serverNames.join(','))).map(serverName),
    startupRuns: Math.round(
      positive('startup-runs', pick(values['startup-runs'], env.BENCH_STARTUP_RUNS, quick ? '1' : '3')),
    ),
    soakSeconds: nonNegative('soak', pick(values.soak, env.BENCH_SOAK_SECONDS, '0')),
    soakIntervalSeconds: positive('soak-interval', pick(values['soak-interval'], env.BENCH_SOAK_INTERVAL_SECONDS, '5')),
    soakConcurrency: Math.round(
      positive('soak-concurrency', pick(values['soak-concurrency'], env.BENCH_SOAK_CONCURRENCY, '16')),
    ),
    soakRate: nonNegative('soak-rate', pick(values['soak-rate'], env.BENCH_SOAK_RATE, '200')),
    soakServers: list(pick(values['soak-server'], env.BENCH_SOAK_SERVER, soakedByDefault.join(','))).map(serverName),
    out: pick(values.out, env.BENCH_OUT, fileURLToPath(new URL('./results/latest.json', import.meta.url))),
    suiteOnly: values['suite-only'] || env.BENCH_SUITE_ONLY === '1',
    instances: Math.round(nonNegative('instances', pick(values.instances, env.BENCH_INSTANCES, '0'))),
    store: storeName(pick(values.store, env.BENCH_STORE, 'memory')),
  }
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
}

function serverName(value: string): ServerName {
  if (!(serverNames as string[]).includes(value)) {
    throw new Error(`unknown server ${value}; use ${serverNames.join(', ')}`)
  }
  return value as ServerName
}

function positive(name: string, value: string): number {
  const number = Number(value)
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${name} must be a positive number, got ${value}`)
  return number
}

function nonNegative(name: string, value: string): number {
  const number = Number(value)
  if (!Number.isFinite(number) || number < 0) throw new Error(`${name} must be zero or more, got ${value}`)
  return number
}

function storeName(value: string): 'memory' | 'redis' {
  if (value !== 'memory' && value !== 'redis') throw new Error(`unknown store ${value}; use memory or redis`)
  return value
}
