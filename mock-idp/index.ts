/**
 * The library entry point: `import { createMockIdp } from 'codeflow'`.
 */
import type { Clock } from './clock.js'
import type { MockIdpConfig, MockIdpConfigInput } from './config/schema.js'
import type { Logger } from './log.js'
import type { RecordedExchange, RequestFilter } from './recorder.js'
import { type RunningMockIdp, serveMockIdp } from './server.js'
import { mockTargetFile } from './target-file.js'

export { type Clock, ManualClock, OffsetClock, systemClock } from './clock.js'
export { ConfigError, parseConfig, resolveConfig } from './config/load.js'
export { type MockIdpConfig, type MockIdpConfigInput, mockIdpConfigSchema } from './config/schema.js'
export * from './errors.js'
export { createApp } from './http/app.js'
export { createProvider, type Provider } from './provider.js'
export type { RecordedExchange, RequestFilter } from './recorder.js'
export { type RunningMockIdp, serveMockIdp } from './server.js'

export interface MockIdp {
  /** The issuer every party sees (also the base URL of every endpoint). */
  issuer: string
  /** Where the server listens. */
  url: string
  /** The conformance-suite target file describing this mock. */
  targetFile(): ReturnType<typeof mockTargetFile>
  /**
   * The requests the mock answered, oldest first (at most `limits.maxRecordedExchanges`), to
   * assert what a client sent. Secrets are redacted unless `{ redact: false }`.
   */
  requests(filter?: RequestFilter): RecordedExchange[]
  /** Forgets every session, code, token and recorded request. */
  reset(): Promise<void>
  close(): Promise<void>
  /** The running server and provider, for advanced use. */
  running: RunningMockIdp
}

export interface CreateMockIdpOptions {
  clock?: Clock
  log?: Logger
}

/** Starts a mock IdP on a real port (default: a free one). */
export async function createMockIdp(
  config: MockIdpConfigInput | MockIdpConfig = {},
  options: CreateMockIdpOptions = {},
): Promise<MockIdp> {
  const running = await serveMockIdp({ port: 0, ...config }, options)
  const { provider } = running
  return {
    issuer: running.issuer,
    url: running.url,
    targetFile: () => mockTargetFile(provider.config, provider.issuer, provider.users),
    requests: (filter) => provider.recorder.list(filter),
    reset: async () => {
      provider.recorder.clear()
      await provider.store.clear()
    },
    close: () => running.close(),
    running,
  }
}
