import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { resolveRef } from '../../core/spec-refs.js'
import { checks, gatherers, notApplicable } from '../../suites/catalog.js'
import { AREAS } from '../../suites/harness/check.js'

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : []
  })
}

it('gives every check a unique id', () => {
  const ids = checks.map((check) => check.id)
  expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([])
})

it('resolves every spec reference a check cites', () => {
  const unknown: string[] = []
  for (const check of checks) {
    expect(check.spec.length, `${check.id} cites no spec`).toBeGreaterThan(0)
    for (const token of check.spec) {
      try {
        resolveRef(token)
      } catch {
        unknown.push(`${check.id}: ${token}`)
      }
    }
  }
  expect(unknown).toEqual([])
})

it('fails on a spec reference with an unknown prefix', () => {
  expect(() => resolveRef('RFC0000-1')).toThrow(/unknown spec reference/)
})

it('files every check under a known area, with an id and a title', () => {
  for (const check of checks) {
    expect(Object.keys(AREAS)).toContain(check.area)
    expect(check.id).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/)
    expect(check.title.length).toBeGreaterThan(10)
  }
})

it('keeps checks pure: a file that defines a check imports nothing that does I/O', () => {
  // cheerio is allowed: parsing HTML is computation, not I/O.
  const io =
    /from ['"](node:[a-z/]+|undici|tough-cookie|playwright-core|\.\.?\/.*(flows|drivers|gatherers|http-client|run-suite)[^'"]*)['"]/
  const offenders = files('suites/areas')
    .filter((file) => readFileSync(file, 'utf8').includes('defineCheck('))
    .filter((file) => io.test(readFileSync(file, 'utf8').replace(/^import type .*$/gm, '')))
  expect(offenders).toEqual([])
})

it('has a gatherer for every piece of evidence a check needs', () => {
  const provided = new Set(gatherers.flatMap((gatherer) => gatherer.provides))
  const missing = checks.flatMap((check) =>
    check.needs.filter((key) => !provided.has(key)).map((key) => `${check.id} needs ${key}`),
  )
  expect(missing).toEqual([])
})

it('never both implements and excuses the same catalog row', () => {
  const ids = new Set(checks.map((check) => check.id))
  expect(notApplicable.filter((row) => ids.has(row.id)).map((row) => row.id)).toEqual([])
  for (const row of notApplicable) expect(row.reason.length).toBeGreaterThan(15)
})

it('keeps each area in one folder: suites/areas/<area>/ with its area.ts, and each check in its own area', () => {
  const folders = readdirSync('suites/areas').filter((name) => statSync(join('suites/areas', name)).isDirectory())
  expect(folders.sort()).toEqual(Object.keys(AREAS).sort())
  for (const area of folders) {
    expect(readFileSync(join('suites/areas', area, 'area.ts'), 'utf8')).toContain(`name: '${area}'`)
  }
  const misplaced = files('suites/areas')
    .filter((file) => readFileSync(file, 'utf8').includes('defineCheck('))
    .flatMap((file) => {
      const [, area, kind] = file.split('/').slice(1)
      const declared = [...readFileSync(file, 'utf8').matchAll(/\barea: '([a-z-]+)'/g)].map((match) => match[1])
      return kind === 'checks' && declared.every((name) => name === area) ? [] : [file]
    })
  expect(misplaced).toEqual([])
})
