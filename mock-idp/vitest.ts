/**
 * `codeflow/vitest`: a vitest fixture that gives each test its own mock IdP — its own port, so
 * its own issuer, sessions, codes and overrides — and closes it after the test, so tests can run
 * in parallel without seeing each other.
 *
 *   import { mockIdpTest } from 'codeflow/vitest'
 *   const test = mockIdpTest({ clients: [...] })
 *   test('signs in', async ({ idp }) => { … idp.issuer … idp.use(…) … idp.requests() })
 */
import { test as base } from 'vitest'
import type { MockIdpConfigInput } from './config/schema.js'
import { type CreateMockIdpOptions, createMockIdp, type MockIdp } from './index.js'

export interface MockIdpFixtures {
  /** A mock IdP for this test only, started on a free port and closed when the test ends. */
  idp: MockIdp
}

/** vitest's `test`, extended with an `idp` fixture built from `config` (quiet logging by default). */
export function mockIdpTest(config: MockIdpConfigInput = {}, options: CreateMockIdpOptions = {}) {
  return base.extend<MockIdpFixtures>({
    // biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixtures a fixture needs from this pattern.
    idp: async ({}, use) => {
      const idp = await createMockIdp({ log: { level: 'silent' }, ...config }, options)
      try {
        await use(idp)
      } finally {
        await idp.close()
      }
    },
  })
}

/** `mockIdpTest()` with the default config (the dev clients and users of docs/mock-idp.md). */
export const test = mockIdpTest()
