/**
 * The server-rendered and single-page examples of docs/client-conformance.md are the example apps'
 * own client target files, quoted word for word: what a partner copies is what `npm test` runs.
 */
import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'

const docs = readFileSync(new URL('../../docs/client-conformance.md', import.meta.url), 'utf8')

/** The first ```json block after a heading of docs/client-conformance.md. */
function firstJsonBlockAfter(heading: string): string | undefined {
  const at = docs.indexOf(`\n${heading}\n`)
  if (at < 0) return undefined
  return /```json\n([\s\S]*?)```/.exec(docs.slice(at))?.[1]
}

it.each([
  ['## Example: a server-rendered app', '../../examples/client-app/client-target.json'],
  ['## Example: a single-page app (browser driver)', '../../examples/spa-client/client-target.json'],
])('the docs section "%s" quotes %s word for word', (heading, file) => {
  expect(firstJsonBlockAfter(heading)).toBe(readFileSync(new URL(file, import.meta.url), 'utf8'))
})
