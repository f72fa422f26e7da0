import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { generatedFiles } from '../../scripts/export-schemas.js'

it('keeps the target file schema, suites/README.md and the per-area run files current (run npm run schemas)', () => {
  const stale = [...generatedFiles()].filter(([file, content]) => {
    try {
      return readFileSync(file, 'utf8') !== content
    } catch {
      return true
    }
  })
  expect(stale.map(([file]) => file)).toEqual([])
})
