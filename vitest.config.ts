import { defineConfig } from 'vitest/config'

// Three projects: fast unit tests beside the code, the conformance suite's own tests, and
// end-to-end tests (real servers, real browser, third-party OAuth libraries).
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['mock-idp/**/*.test.ts', 'src/**/*.test.ts', 'reports/**/*.test.ts', 'test/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'conformance',
          include: ['suites/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts', 'examples/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
