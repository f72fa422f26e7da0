import { expect, it } from 'vitest'
import { chooseEngine, supportsVitestEngine } from './engine-choice.js'

const plain = { tagsFilter: [] }

it('runs the vitest engine by default when vitest 4.1 or a later 4.x is installed', () => {
  expect(chooseEngine(plain, '4.1.12')).toEqual({ engine: 'vitest' })
  expect(chooseEngine({ ...plain, engine: 'vitest', shard: '1/2' }, '4.2.0')).toEqual({ engine: 'vitest' })
})

it('falls back to the direct engine, saying why and what to install, when vitest is missing or unsupported', () => {
  const missing = chooseEngine(plain, undefined)
  expect(missing).toEqual({ engine: 'direct', note: expect.stringContaining('vitest is not installed') })
  expect('note' in missing && missing.note).toContain('npm i -D vitest@^4.1')
  const old = chooseEngine(plain, '3.2.4')
  expect(old).toEqual({ engine: 'direct', note: expect.stringContaining('the installed vitest is 3.2.4') })
})

it('refuses --engine vitest without a usable vitest instead of running another engine', () => {
  const choice = chooseEngine({ ...plain, engine: 'vitest' }, undefined)
  expect(choice).toEqual({ problem: expect.stringContaining('--engine vitest needs vitest ^4.1') })
  expect(chooseEngine({ ...plain, engine: 'vitest' }, '5.1.2')).toEqual({
    problem: expect.stringContaining('the installed vitest is 5.1.2'),
  })
})

it('refuses flags only the vitest engine honours rather than ignore them', () => {
  expect(chooseEngine({ ...plain, shard: '1/3', tagsFilter: ['MUST'] }, undefined)).toEqual({
    problem: expect.stringMatching(/^--shard, --tags-filter need the vitest engine .*npm i -D vitest@\^4\.1$/),
  })
  expect(chooseEngine({ ...plain, engine: 'direct', workers: 2 }, '4.1.12')).toEqual({
    problem: '--workers needs --engine vitest (the direct engine has no such option)',
  })
  expect(chooseEngine({ ...plain, engine: 'direct', testNamePattern: 'MUST' }, undefined)).toEqual({
    problem: expect.stringContaining('--test-name-pattern'),
  })
})

it('keeps --engine direct as asked, vitest or not', () => {
  expect(chooseEngine({ ...plain, engine: 'direct' }, '4.1.12')).toEqual({ engine: 'direct' })
  expect(chooseEngine({ ...plain, engine: 'direct' }, undefined)).toEqual({ engine: 'direct' })
})

it('supports vitest 4.1 and later 4.x only', () => {
  expect(['4.1.0', '4.1.12', '4.3.0-beta.1', '4.10.0'].filter(supportsVitestEngine)).toEqual([
    '4.1.0',
    '4.1.12',
    '4.3.0-beta.1',
    '4.10.0',
  ])
  expect(['4.0.18', '3.2.4', '5.0.0', '1.0', 'latest'].filter(supportsVitestEngine)).toEqual([])
})
