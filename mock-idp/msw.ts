/**
 * `codeflow/msw`: the mock IdP inside msw, for tests whose client calls a fixed issuer URL.
 * The same web-standard app answers (http/app.ts): no second implementation, so every behaviour,
 * override and recorded request works as with the HTTP server.
 *
 *   import { setupServer } from 'msw/node'
 *   import { mockIdpHandlers } from 'codeflow/msw'
 *   const idp = mockIdpHandlers({ issuer: 'https://idp.example.test' })
 *   const server = setupServer(...idp.handlers)
 *   // idp.use(…), idp.requests(…), await idp.rotateKeys(…), await idp.reset()
 *
 * msw is an optional peer dependency: install it next to codeflow to use this entry point.
 */
/// <reference types="node" preserve="true" />
// ↑ Node's types (http.Server, Buffer, process.env) appear in this entry point's API. The directive
// stays in the emitted .d.ts, so a project compiles with @types/node installed even when its
// tsconfig lists no "types" (TypeScript 6 and later include none by default).
import { http } from 'msw'
import { OffsetClock } from './clock.js'
import { parseConfig } from './config/load.js'
import type { MockIdpConfig, MockIdpConfigInput } from './config/schema.js'
import {
  type KeyRotation,
  type RotateKeysOptions,
  resetProvider,
  rotateKeys,
  useOverride,
} from './control/controller.js'
import type { OverrideInput } from './control/override.js'
import { createApp, mountAtIssuer } from './http/app.js'
import { createProvider, type Provider } from './provider.js'
import type { RecordedExchange, RequestFilter } from './recorder.js'
import { mockTargetFile } from './target-file.js'

/** The issuer when none is configured: a reserved test domain nothing real answers for (RFC 2606). */
export const DEFAULT_MSW_ISSUER = 'https://idp.codeflow.test'

export interface MswMockIdp {
  issuer: string
  /** Pass to `setupServer(...)` (Node) or `setupWorker(...)`. */
  handlers: ReturnType<typeof http.all>[]
  /** Resolves once keys are loaded; every handler awaits it too, so calling it is optional. */
  ready: Promise<Provider>
  use(override: OverrideInput): Promise<void>
  requests(filter?: RequestFilter): Promise<RecordedExchange[]>
  /** As `createMockIdp`'s: new keys sign from now on, the old ones leave the JWK Set after `graceMs`. */
  rotateKeys(options?: RotateKeysOptions): Promise<KeyRotation>
  reset(): Promise<void>
  clock: OffsetClock
  targetFile(): Promise<ReturnType<typeof mockTargetFile>>
}

/** Test tooling, like `createMockIdp`: requests may switch behaviours on unless the config says otherwise. */
export function mockIdpHandlers(input: MockIdpConfigInput | MockIdpConfig = {}): MswMockIdp {
  const issuer = (input as { issuer?: string }).issuer ?? DEFAULT_MSW_ISSUER
  const config = parseConfig({ allowRequestBehaviours: true, ...input, issuer })
  const clock = new OffsetClock()
  const ready = createProvider(config, { issuer, clock })
  const app = ready.then((provider) => mountAtIssuer(issuer, createApp(provider)))
  const base = issuer.replace(/\/$/, '')
  return {
    issuer,
    handlers: [http.all(`${base}/*`, async ({ request }) => (await app).fetch(request))],
    ready,
    use: async (override) => {
      useOverride(await ready, override)
    },
    requests: async (filter) => (await ready).recorder.list(filter),
    rotateKeys: async (options) => rotateKeys(await ready, options),
    reset: async () => resetProvider(await ready),
    clock,
    targetFile: async () => {
      const provider = await ready
      return mockTargetFile(provider.config, provider.issuer, provider.users)
    },
  }
}
