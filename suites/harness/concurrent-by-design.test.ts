import { readdirSync, readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { checks } from '../catalog.js'
import { CONCURRENT_BY_DESIGN } from './concurrent-by-design.js'

const AREAS = new URL('../areas/', import.meta.url)

/** The sources of every area's gatherers (suites/areas/<area>/gather/*.ts). */
function gathererSources(): string[] {
  return readdirSync(AREAS, { recursive: true, encoding: 'utf8' })
    .filter((file) => /(^|\/)gather\/[^/]+\.ts$/.test(file) && !file.endsWith('.test.ts'))
    .map((file) => readFileSync(new URL(file, AREAS), 'utf8'))
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
