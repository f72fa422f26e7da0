/**
 * The library entry point: `import { createMockIdp } from 'codeflow'`.
 */
import { type Clock, OffsetClock } from './clock.js'
import type { MockIdpConfig, MockIdpConfigInput } from './config/schema.js'
import { resetProvider, useOverride } from './control/controller.js'
import type { OverrideInput } from './control/override.js'
import type { Logger } from './log.js'
import type { RecordedExchange, RequestFilter } from './recorder.js'
import { type RunningMockIdp, serveMockIdp } from './server.js'
import { mockTargetFile } from './target-file.js'

export { type Clock, ManualClock, OffsetClock, systemClock } from './clock.js'
export { ConfigError, parseConfig, resolveConfig } from './config/load.js'
export { type MockIdpConfig, type MockIdpConfigInput, mockIdpConfigSchema } from './config/schema.js'
export { type Override, OverrideError, type OverrideInput } from './control/override.js'
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
   * Queues what the mock does next, newest first; each applies once unless `times` or
   * `persistent` says otherwise. Throws on an unknown kind, endpoint, behaviour or user.
   *
   *   idp.use({ login: 'bob' })                                    // the next authorization signs bob in (no login page)
   *   idp.use({ claims: { email: 'x@example.com' } })              // merged into the next ID token
   *   idp.use({ behaviour: 'iss-wrong' })                          // a deviation for the next request
   *   idp.use({ endpoint: 'token', error: 'temporarily_unavailable' })
   *   idp.use({ endpoint: 'token', respond: { status: 429, headers: { 'Retry-After': '1' } } })
   *   idp.use({ endpoint: 'jwks', delayMs: 3000, persistent: true })
   *   idp.use({ endpoint: 'token', drop: true })                  // connection closed, no answer
   */
  use(override: OverrideInput): void
  /**
   * The requests the mock answered, oldest first (at most `limits.maxRecordedExchanges`), to
   * assert what a client sent. Secrets are redacted unless `{ redact: false }`.
   */
  requests(filter?: RequestFilter): RecordedExchange[]
  /** The mock's time: `clock.advance(ms)` expires codes, tokens and sessions without waiting. */
  clock: TestClock
  /** Back to the start: forgets sessions, codes, tokens, recorded requests and queued overrides, and rewinds the clock. */
  reset(): Promise<void>
  close(): Promise<void>
  /** The running server and provider, for advanced use. */
  running: RunningMockIdp
}

/** A clock a test moves forward (real time plus an offset, unless a clock of your own was passed). */
export interface TestClock extends Clock {
  advance(ms: number): void
}

export interface CreateMockIdpOptions {
  /** Your own clock (e.g. a ManualClock frozen at a literal time); default: real time that `idp.clock.advance` shifts. */
  clock?: TestClock
  log?: Logger
}

/** Starts a mock IdP on a real port (default: a free one). */
export async function createMockIdp(
  config: MockIdpConfigInput | MockIdpConfig = {},
  options: CreateMockIdpOptions = {},
): Promise<MockIdp> {
  const clock = options.clock ?? new OffsetClock()
  const running = await serveMockIdp({ port: 0, ...config }, { ...options, clock })
  const { provider } = running
  return {
    issuer: running.issuer,
    url: running.url,
    targetFile: () => mockTargetFile(provider.config, provider.issuer, provider.users),
    use: (input) => {
      useOverride(provider, input)
    },
    requests: (filter) => provider.recorder.list(filter),
    clock,
    reset: () => resetProvider(provider),
    close: () => running.close(),
    running,
  }
}
