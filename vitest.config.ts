import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Four projects: fast unit tests beside the code, the conformance suite's own tests, end-to-end
// tests (real servers, real browser, third-party OAuth libraries), and the self-check matrix.
export default defineConfig({
  // Examples import the package as partners do ('codeflow', 'codeflow/msw'); tests run the sources.
  resolve: {
    alias: [
      {
        find: /^codeflow\/msw\/browser$/,
        replacement: fileURLToPath(new URL('./mock-idp/msw-forward.ts', import.meta.url)),
      },
      { find: /^codeflow\/msw$/, replacement: fileURLToPath(new URL('./mock-idp/msw.ts', import.meta.url)) },
      {
        find: /^codeflow\/testing$/,
        replacement: fileURLToPath(new URL('./mock-idp/testing/login-flow.ts', import.meta.url)),
      },
      { find: /^codeflow\/vitest$/, replacement: fileURLToPath(new URL('./mock-idp/vitest.ts', import.meta.url)) },
      { find: /^codeflow$/, replacement: fileURLToPath(new URL('./mock-idp/index.ts', import.meta.url)) },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'core/**/*.test.ts',
            'client/**/*.test.ts',
            'mock-idp/**/*.test.ts',
            'src/**/*.test.ts',
            'reports/**/*.test.ts',
            'test/unit/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'conformance',
          include: ['suites/**/*.test.ts'],
          // The *.mock.test.ts files run whole areas against a real mock over HTTP: seconds each,
          // more on a loaded CI machine.
          testTimeout: 60_000,
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
      {
        extends: true,
        test: {
          // The suite against the mock with each behaviour on (docs/checks.md, "Self-check"): one long beforeAll.
          name: 'self-check',
          include: ['test/self-check/**/*.test.ts'],
          hookTimeout: 900_000,
        },
      },
    ],
  },
})
