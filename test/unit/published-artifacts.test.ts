import { readdirSync, readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import {
  BEHAVIOURS_DOC,
  behavioursDoc,
  CONFIGURATION_DOC,
  configurationDoc,
  renderedConfigSchema,
} from '../../scripts/export-schemas.js'

it('keeps schemas/mock-idp-config.schema.json in step with the config schema (run npm run schemas)', () => {
  expect(readFileSync('schemas/mock-idp-config.schema.json', 'utf8')).toBe(renderedConfigSchema())
})

it('keeps the config reference of docs/configuration.md in step with the schema (run npm run schemas)', () => {
  const doc = readFileSync(CONFIGURATION_DOC, 'utf8')
  expect(doc).toBe(configurationDoc(doc))
  // The generated section is there at all, with options from the schema and defaults.ts.
  expect(doc).toMatch(/\| `tokens\.codeTtl` \| integer \| `60` \|/)
})

it('keeps the behaviour table of docs/behaviours.md in step with the catalog (run npm run schemas)', () => {
  const doc = readFileSync(BEHAVIOURS_DOC, 'utf8')
  expect(doc).toBe(behavioursDoc(doc))
  expect(doc).toMatch(/\| `iss-wrong` \| MUST RFC9207-2 \|/)
})

it('refuses to regenerate a docs page whose generated section lost its markers', () => {
  expect(() => configurationDoc('# Configuring the mock IdP\n')).toThrow(/docs\/configuration\.md lacks the markers/)
  expect(() => behavioursDoc('# Behaviours\n')).toThrow(/docs\/behaviours\.md lacks the markers/)
})

it('documents every command and flag of the CLI in docs/cli.md', () => {
  const cliDoc = readFileSync('docs/cli.md', 'utf8')
  // Every file that registers commands (x-command.ts, x-commands.ts), so a new command cannot be missed.
  const files = readdirSync('src/cli').filter((file) => /-commands?\.ts$/.test(file))
  const source = files.map((file) => readFileSync(`src/cli/${file}`, 'utf8')).join('\n')
  const commands = [...source.matchAll(/\.command\('([a-z]+)'\)/g)].map((match) => match[1])
  expect(commands.sort()).toEqual(['baseline', 'checks', 'client', 'compare', 'doctor', 'idp', 'report', 'run'])
  for (const command of commands) expect(cliDoc).toContain(`## \`codeflow ${command}\``)
  const flags = [...source.matchAll(/(?:\.option|\.requiredOption|new Option)\('(?:-[\w], )?(--[a-z-]+)/g)].map(
    (match) => match[1],
  )
  expect(flags.length).toBeGreaterThan(20)
  const missing = flags.filter((flag) => !cliDoc.includes(flag!))
  expect(missing).toEqual([])
})
