/**
 * `codeflow/msw` for CommonJS projects (package.json `exports` → "./msw" → "require"): msw.ts
 * itself, through Node's require() of an ES module, with `handlers` typed by msw's CommonJS
 * declarations. msw ships separate declarations for `import` and `require`, and its handler
 * classes have protected members, so TypeScript holds a handler typed by one incompatible with the
 * other's `setupServer`. At run time msw tells handlers apart by their `kind`, so the same objects
 * serve both.
 */
import type { HttpHandler } from 'msw'
import type { MockIdpConfig, MockIdpConfigInput } from './config/schema.js'
import type { MswMockIdp as ImportedMswMockIdp } from './msw.js'

import msw = require('./msw.js')

declare namespace codeflowMsw {
  /** As in msw.ts; `handlers` go to a CommonJS project's `setupServer(...)`. */
  type MswMockIdp = Omit<ImportedMswMockIdp, 'handlers'> & { handlers: HttpHandler[] }
}

const codeflowMsw = {
  DEFAULT_MSW_ISSUER: msw.DEFAULT_MSW_ISSUER,
  mockIdpHandlers: (input?: MockIdpConfigInput | MockIdpConfig): codeflowMsw.MswMockIdp =>
    // The same objects; only their declarations differ (see above).
    msw.mockIdpHandlers(input) as unknown as codeflowMsw.MswMockIdp,
}

export = codeflowMsw
