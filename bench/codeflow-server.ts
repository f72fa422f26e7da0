/**
 * Child process: the Codeflow mock IdP with its default config on a free loopback port.
 * Runs the build (dist/mock-idp/server.js) when present, else the sources (this process is
 * started with tsx either way). BENCH_CODEFLOW_SOURCE=sources|dist forces one.
 */
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { runChild } from './child.js'
import { builtServer, codeflowBuild, sourceServer } from './codeflow-build.js'

// The static imports above are small (built-ins, the IPC helper); the server is imported
// dynamically below so that its import time is measured.
const entryStartedAt = performance.now()

type ServeMockIdp = typeof import('../mock-idp/server.js').serveMockIdp

const build = codeflowBuild()
const wanted = process.env.BENCH_CODEFLOW_SOURCE
const useBuild = wanted === 'dist' || (wanted !== 'sources' && build.exists)

await runChild(
  {
    variant: useBuild
      ? `dist (built JS)${build.stale ? ' — OLDER than the mock-idp sources, run npm run build' : ''}`
      : 'sources via tsx',
    async load() {
      const module = (await import(pathToFileURL(useBuild ? builtServer : sourceServer).href)) as {
        serveMockIdp: ServeMockIdp
      }
      return module.serveMockIdp
    },
    async start(serveMockIdp) {
      // The several-instances bench (several-instances.ts): one issuer (the balancer's URL) and one Redis.
      const shared = process.env.BENCH_CODEFLOW_STORE
      const running = await serveMockIdp({
        port: 0,
        host: '127.0.0.1',
        log: { level: 'silent' },
        ...(shared ? { store: { url: shared }, issuer: process.env.BENCH_CODEFLOW_ISSUER } : {}),
      })
      return { url: running.url, issuer: running.issuer, close: () => running.close() }
    },
  },
  entryStartedAt,
)
