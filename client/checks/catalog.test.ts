import { expect, it } from 'vitest'
import { resolveRef } from '../../core/spec-refs.js'
import { behaviourCatalog } from '../../mock-idp/behaviours/catalog.js'
import { clientChecks, selectClientChecks } from './catalog.js'
import { armedBehaviours } from './client-check.js'
import { notClientChecks } from './not-client-checks.js'

it('places every behaviour of the mock either in a client check or in the list of non-client checks, once', () => {
  const armed = clientChecks.flatMap(armedBehaviours)
  const placed = [...armed, ...Object.keys(notClientChecks)]
  expect(new Set(armed).size).toBe(armed.length)
  expect([...placed].sort()).toEqual([...behaviourCatalog.keys()].sort())
})

it('gives every check a unique client.<area>.<name> id', () => {
  const ids = clientChecks.map((check) => check.id)
  expect(new Set(ids).size).toBe(ids.length)
  for (const id of ids) expect(id).toMatch(/^client\.[a-z-]+\.[a-z0-9-]+$/)
})

it('cites only spec tokens the registry resolves', () => {
  for (const check of clientChecks) {
    expect(check.spec.length, check.id).toBeGreaterThan(0)
    for (const token of check.spec) expect(() => resolveRef(token), `${check.id}: ${token}`).not.toThrow()
  }
})

it('names OpenID Foundation RP tests by their rp- ids, or null', () => {
  for (const check of clientChecks) if (check.oidf !== null) expect(check.oidf, check.id).toMatch(/^rp-[a-z0-9_-]+$/)
})

it('selects by id, id prefix or area, and reports selectors that match nothing', () => {
  const byPrefix = selectClientChecks(clientChecks, ['client.id-token'])
  expect(byPrefix.selected.length).toBeGreaterThan(5)
  expect(byPrefix.selected.every((check) => check.id.startsWith('client.id-token.'))).toBe(true)
  const byArea = selectClientChecks(clientChecks, ['client-requests'], ['client.requests.pkce-s256'])
  expect(byArea.selected.map((check) => check.id)).not.toContain('client.requests.pkce-s256')
  expect(byArea.selected.every((check) => check.area === 'client-requests')).toBe(true)
  expect(selectClientChecks(clientChecks, ['client.id-tokn']).unknown).toEqual(['client.id-tokn'])
})
