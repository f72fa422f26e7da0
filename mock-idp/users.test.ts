import { expect, it } from 'vitest'
import { parseConfig } from './config/load.js'
import { UserDirectory } from './users.js'

it('generates the same fake users from the same seed, after the configured ones', async () => {
  const config = parseConfig({ fakeUsers: { count: 5, seed: 'team-a' } })
  const first = (await UserDirectory.fromConfig(config)).all()
  const second = (await UserDirectory.fromConfig(config)).all()
  expect(first).toHaveLength(7)
  expect(first.slice(0, 2).map((user) => user.username)).toEqual(['alice', 'bob'])
  expect(second).toEqual(first)
  const other = (await UserDirectory.fromConfig(parseConfig({ fakeUsers: { count: 5, seed: 'team-b' } }))).all()
  expect(other.map((user) => user.sub)).not.toEqual(first.map((user) => user.sub))
})

it('gives a generated user the documented password and a stable subject', async () => {
  const directory = await UserDirectory.fromConfig(parseConfig({ users: [], fakeUsers: { count: 1 } }))
  const [user] = directory.all()
  expect(user!.password).toBe(`password-${user!.username}`)
  expect(directory.bySub(user!.sub)).toBe(user)
  expect(user!.claims.email).toMatch(/@/)
})
