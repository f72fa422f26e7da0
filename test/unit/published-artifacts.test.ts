import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { readmeWithConfigReference, renderedConfigSchema } from '../../scripts/export-schemas.js'

it('keeps schemas/mock-idp-config.schema.json in step with the config schema (run npm run schemas)', () => {
  expect(readFileSync('schemas/mock-idp-config.schema.json', 'utf8')).toBe(renderedConfigSchema())
})

it('keeps the README config reference in step with the config schema (run npm run schemas)', () => {
  const readme = readFileSync('README.md', 'utf8')
  expect(readme).toBe(readmeWithConfigReference(readme))
})

it('documents every CLI flag of codeflow idp in the README', async () => {
  const readme = readFileSync('README.md', 'utf8')
  const source = readFileSync('src/cli/idp-command.ts', 'utf8')
  const flags = [...source.matchAll(/\.option\('(?:-\w, )?(--[a-z-]+)/g)].map((match) => match[1])
  expect(flags.length).toBeGreaterThan(5)
  for (const flag of flags) expect(readme).toContain(flag)
})
