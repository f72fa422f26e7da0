/**
 * The rules a reviewer would otherwise have to remember about behaviours (docs/architecture.md,
 * "Adding a behaviour"): each is well formed, cites rules a check also cites, and every named
 * validation rule is both enforced by the mock and waived by some behaviour.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { resolveRef } from '../../core/spec-refs.js'
import { BEHAVIOURS } from '../../mock-idp/behaviours/catalog.js'
import { RULES } from '../../mock-idp/behaviours/rules.js'
import { checks } from '../../suites/catalog.js'

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : []
  })
}

it('gives every behaviour a unique kebab-case id, a description and advice for clients', () => {
  const ids = BEHAVIOURS.map((behaviour) => behaviour.id)
  expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([])
  for (const behaviour of BEHAVIOURS) {
    expect(behaviour.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    expect(behaviour.description.length, behaviour.id).toBeGreaterThan(10)
    expect(behaviour.client.length, behaviour.id).toBeGreaterThan(10)
    expect(behaviour.violates.length, behaviour.id).toBeGreaterThan(0)
  }
})

it("cites in every behaviour's violates only spec tokens that a check also cites", () => {
  const cited = new Set(checks.flatMap((check) => check.spec))
  const uncited = BEHAVIOURS.flatMap((behaviour) =>
    behaviour.violates.filter((token) => !cited.has(token)).map((token) => `${behaviour.id}: ${token}`),
  )
  expect(uncited).toEqual([])
  for (const behaviour of BEHAVIOURS)
    for (const token of behaviour.violates) expect(() => resolveRef(token)).not.toThrow()
})

it('enforces every named validation rule somewhere in the mock, and lets some behaviour waive it', () => {
  const code = sources('mock-idp')
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n')
  const waived = new Set(BEHAVIOURS.flatMap((behaviour) => (behaviour.seam === 'validation' ? [behaviour.waives] : [])))
  for (const rule of Object.keys(RULES)) {
    expect(code, `rule "${rule}" is never enforced`).toContain(`enforces('${rule}')`)
    expect(waived.has(rule as keyof typeof RULES), `no behaviour waives rule "${rule}"`).toBe(true)
  }
})

it('lists well over 40 behaviours, as the issue asks', () => {
  expect(BEHAVIOURS.length).toBeGreaterThan(40)
})
