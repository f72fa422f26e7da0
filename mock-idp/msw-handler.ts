/**
 * The type of the handlers `codeflow/msw` and `codeflow/msw/browser` return, usable from ES
 * modules and CommonJS alike. msw ships separate declarations for `import` and `require`, and its
 * handler classes have protected members, so TypeScript holds an `import`-typed handler
 * incompatible with a CommonJS project's `setupServer` (and the reverse). At run time there is one
 * handler object that both accept (msw tells handlers apart by a marker, not by class): the type
 * says it is both.
 */

import type { HttpHandler as ImportedHttpHandler } from 'msw'

type RequiredHttpHandler = import('msw', { with: { 'resolution-mode': 'require' }}).HttpHandler

export type MswHttpHandler = ImportedHttpHandler & RequiredHttpHandler
