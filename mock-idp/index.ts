/**
 * The library entry point: `import { createMockIdp } from 'codeflow'`.
 */
/// <reference types="node" preserve="true" />
// ↑ Node's types (http.Server, Buffer, process.env) appear in this entry point's API. The directive
// stays in the emitted .d.ts, so a project compiles with @types/node installed even when its
// tsconfig lists no "types" (TypeScript 6 and later include none by default).
import { type Clock, OffsetClock } from './clock.js'
import type { MockIdpConfig, MockIdpConfigInput } from './config/schema.js'
import {
  type KeyRotation,
  type RotateKeysOptions,
  resetProvider,
  rotateKeys,
  useOverride,
} from './control/controller.js'
import type { OverrideInput } from './control/override.js'
import type { Logger } from './log.js'
import type { Provider } from './provider.js'
import type { RecordedExchange, RequestFilter } from './recorder.js'
import { type RunningMockIdp, serveMockIdp } from './server.js'
import { mockTargetFile } from './target-file.js'

export { type Clock, ManualClock, OffsetClock, systemClock } from './clock.js'
export { ConfigError, parseConfig, resolveConfig } from './config/load.js'
export { type MockIdpConfig, type MockIdpConfigInput, mockIdpConfigSchema } from './config/schema.js'
export {
  DEFAULT_ROTATION_GRACE_MS,
  type KeyRotation,
  type RotateKeysOptions,
} from './control/controller.js'
export { type Override, OverrideError, type OverrideInput } from './control/override.js'
export * from './errors.js'
export { createApp } from './http/app.js'
export { IssuerError } from './issuers.js'
export { createProvider, type Provider } from './provider.js'
export type { RecordedExchange, RequestFilter } from './recorder.js'
export { type RunningMockIdp, serveMockIdp } from './server.js'

/** What a test drives one issuer with (the root one, or one added by path). */
export interface IssuerControls {
  /** The issuer every party sees (also the base URL of every endpoint). */
  issuer: string
  /** The conformance-suite target file describing this issuer. */
  targetFile(): ReturnType<typeof mockTargetFile>
  /**
   * Queues what the mock does next, newest first; each applies once unless `times` or
   * `persistent` says otherwise. Throws on an unknown kind, endpoint, behaviour or user.
   *
   *   idp.use({ login: 'bob' })                                    // the next authorization signs bob in (no login page)
   *   idp.use({ claims: { email: 'x@example.com' } })              // merged into the next ID token
   *   idp.use({ tokenResponse: { set: { token_type: 'bearer' }, omit: ['scope', 'refresh_token'] } }) // correct but unusual
   *   idp.use({ behaviour: 'iss-wrong' })                          // a deviation for the next sign-in flow
   *   idp.use({ behaviour: 'discovery-served-as-html', endpoint: 'discovery' }) // … or the next request there
   *   idp.use({ endpoint: 'token', error: 'temporarily_unavailable' })
   *   idp.use({ endpoint: 'token', respond: { status: 429, headers: { 'Retry-After': '1' } } })
   *   idp.use({ endpoint: 'jwks', delayMs: 3000, persistent: true })
   *   idp.use({ endpoint: 'discovery', respond: { status: 503 }, every: 2, persistent: true }) // flapping
   *   idp.use({ endpoint: 'token', drop: true })                  // connection closed, no answer
   */
  use(override: OverrideInput): void
  /**
   * The requests the mock answered, oldest first (at most `limits.maxRecordedExchanges` of them,
   * `limits.maxRecordedBytes` in all), to assert what a client sent. Secrets are redacted unless
   * `{ redact: false }`.
   */
  requests(filter?: RequestFilter): RecordedExchange[]
  /** The mock's time: `clock.advance(ms)` expires codes, tokens and sessions without waiting. */
  clock: TestClock
  /**
   * Key rotation on demand: a new key per algorithm signs the next tokens; the old ones stay in
   * the JWK Set for `graceMs` on the mock's clock (default 120 000; 0 = gone at once), so
   * `clock.advance(graceMs + 1)` retires them. Whether the client fetched the JWKS again shows
   * in `requests({ endpoint: 'jwks' })`. Throws on a negative or non-numeric `graceMs`.
   *
   *   const { kid, previous, retiresAt } = await idp.rotateKeys({ graceMs: 0 })
   */
  rotateKeys(options?: RotateKeysOptions): Promise<KeyRotation>
  /**
   * Back to the start: forgets sessions, codes, tokens, recorded requests and queued overrides,
   * restores the keys loaded at start (rotations undone), and rewinds the clock.
   */
  reset(): Promise<void>
}

export interface MockIdp extends IssuerControls {
  /** Where the server listens. */
  url: string
  /**
   * Adds the issuer `{issuer}/{id}` to this server, with its own clients, users, keys (generated
   * unless configured), behaviours and state: tests sharing one server isolate themselves by id.
   */
  addIssuer(id: string, config?: MockIdpConfigInput): Promise<PathIssuerControls>
  close(): Promise<void>
  /** The running server and provider, for advanced use. */
  running: RunningMockIdp
}

/** An issuer added by path. */
export interface PathIssuerControls extends IssuerControls {
  id: string
  /** The same as `issuer`: its endpoints live under it. */
  url: string
  /** Stops serving it (its sessions, codes and tokens are gone). */
  remove(): Promise<void>
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

/**
 * Starts a mock IdP on a real port (default: a free one). It is test tooling, so requests may
 * switch behaviours on (`allowRequestBehaviours` defaults to true here, unlike `codeflow idp`);
 * pass `allowRequestBehaviours: false` to test a mock as it is shared.
 */
export async function createMockIdp(
  config: MockIdpConfigInput | MockIdpConfig = {},
  options: CreateMockIdpOptions = {},
): Promise<MockIdp> {
  const clock = options.clock ?? new OffsetClock()
  const running = await serveMockIdp({ port: 0, allowRequestBehaviours: true, ...config }, { ...options, clock })
  return {
    ...controls(running.provider, clock),
    url: running.url,
    addIssuer: async (id, issuerConfig) => {
      const added = await running.issuers.add(id, issuerConfig)
      return {
        ...controls(added.provider, added.clock),
        id,
        url: added.issuer,
        remove: async () => {
          await running.issuers.remove(id)
        },
      }
    },
    close: () => running.close(),
    running,
  }
}

/** The verbs every issuer answers to, root or by path. */
function controls(provider: Provider, clock: TestClock): IssuerControls {
  return {
    issuer: provider.issuer,
    targetFile: () => mockTargetFile(provider.config, provider.issuer, provider.users),
    use: (input) => {
      useOverride(provider, input)
    },
    requests: (filter) => provider.recorder.list(filter),
    clock,
    rotateKeys: (rotation) => rotateKeys(provider, rotation),
    reset: () => resetProvider(provider),
  }
}
