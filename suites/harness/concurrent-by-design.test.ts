import { readdirSync, readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { checks } from '../catalog.js'
import { CONCURRENT_BY_DESIGN } from './concurrent-by-design.js'

const GATHERERS = new URL('../gatherers/', import.meta.url)

function gathererSources(): string[] {
  return readdirSync(GATHERERS)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => readFileSync(new URL(file, GATHERERS), 'utf8'))
}

it('names each exemption from serial mode after a check of the catalog', () => {
  const ids = new Set(checks.map((check) => check.id))
  expect(Object.keys(CONCURRENT_BY_DESIGN).filter((id) => !ids.has(id))).toEqual([])
})

it('uses each exemption in exactly one gatherer, and no undeclared one', () => {
  const used = gathererSources().flatMap((source) =>
    [...source.matchAll(/\.simultaneously\(\s*'([^']+)'/g)].map((match) => match[1]),
  )
  expect(used.sort()).toEqual(Object.keys(CONCURRENT_BY_DESIGN).sort())
})
