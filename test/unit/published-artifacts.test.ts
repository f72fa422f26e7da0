import { readdirSync, readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { readmeWithGeneratedSections, renderedConfigSchema } from '../../scripts/export-schemas.js'

it('keeps schemas/mock-idp-config.schema.json in step with the config schema (run npm run schemas)', () => {
  expect(readFileSync('schemas/mock-idp-config.schema.json', 'utf8')).toBe(renderedConfigSchema())
})

it('keeps the README config reference and behaviour table in step with the schema and catalog (run npm run schemas)', () => {
  const readme = readFileSync('README.md', 'utf8')
  expect(readme).toBe(readmeWithGeneratedSections(readme))
})

it('documents every command and flag of the CLI in the README', () => {
  const readme = readFileSync('README.md', 'utf8')
  // Every file that registers commands (x-command.ts, x-commands.ts), so a new command cannot be missed.
  const files = readdirSync('src/cli').filter((file) => /-commands?\.ts$/.test(file))
  const source = files.map((file) => readFileSync(`src/cli/${file}`, 'utf8')).join('\n')
  const commands = [...source.matchAll(/\.command\('([a-z]+)'\)/g)].map((match) => match[1])
  expect(commands.sort()).toEqual(['baseline', 'checks', 'compare', 'doctor', 'idp', 'report', 'run'])
  for (const command of commands) expect(readme).toContain(`codeflow ${command}`)
  const flags = [...source.matchAll(/(?:\.option|new Option)\('(?:-[\w], )?(--[a-z-]+)/g)].map((match) => match[1])
  expect(flags.length).toBeGreaterThan(20)
  const missing = flags.filter((flag) => !readme.includes(flag!))
  expect(missing).toEqual([])
})
