import fc from 'fast-check'
import { expect, it } from 'vitest'
import { defaultConfig, simpleConfig } from './default-config.js'
import { parseConfig } from './load.js'

it('starts from exactly what the schema makes of an empty config', () => {
  expect(defaultConfig()).toStrictEqual(parseConfig({}))
})

it('reads the defaults with a port, host, seed, log level and request behaviours as the schema does', () => {
  const input = { port: 0, host: '0.0.0.0', seed: 'bench', log: { level: 'silent' }, allowRequestBehaviours: true }
  expect(simpleConfig(input)).toStrictEqual(parseConfig(input))
})

it('accepts a config the schema already validated, so a parsed config is not parsed again', () => {
  const parsed = parseConfig({ port: 0, log: { level: 'warn' } })
  expect(simpleConfig(parsed)).toStrictEqual(parsed)
})

it('leaves to the schema every option it cannot prove valid, so the schema names the problem', () => {
  for (const input of [
    { port: 70000 },
    { port: 1.5 },
    { port: '8080' },
    { log: { level: 'trace' } },
    { port: undefined },
    { issuer: 'https://op.example' },
    { scopes: {} },
    { limits: { maxConnections: 5 } },
    { control: { enabled: true } },
    { behaviours: ['omit-nonce'] },
    { prot: 8080 },
    [],
    'port=8080',
  ]) {
    expect(simpleConfig(input), JSON.stringify(input)).toBeUndefined()
  }
})

it('never gives a config other than the schema would, for any mix of options and values', () => {
  // Values at and beyond each simple option's bounds, of every JSON type, weighted towards them.
  const value = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(-1, 0, 1.5, 65535, 65536, '', 'x', 'silent', 'debug', 'trace', true) },
    fc.constantFrom(false, null, undefined, {}, [], Number.NaN),
    fc.integer({ min: -10, max: 70_000 }),
    fc.string({ maxLength: 8 }),
  )
  const simpleOption = fc.constantFrom('port', 'host', 'seed', 'allowRequestBehaviours')
  const otherOption = fc.constantFrom('issuer', 'scopes', 'limits', 'behaviours', 'trustForwardedHeaders')
  const input = fc
    .tuple(
      fc.dictionary(simpleOption, value, { maxKeys: 3 }),
      fc.option(fc.oneof(value, fc.record({ level: value }, { requiredKeys: [] })), { nil: undefined }),
      fc.option(fc.dictionary(otherOption, fc.oneof(value, fc.record({ maxConnections: value })), { maxKeys: 1 }), {
        nil: undefined,
      }),
    )
    .map(([simple, log, other]) => ({ ...simple, ...(log === undefined ? {} : { log }), ...other }))
  fc.assert(
    fc.property(input, (config) => {
      const simple = simpleConfig(config)
      if (simple !== undefined) expect(simple).toStrictEqual(parseConfig(config))
    }),
    { numRuns: 500 },
  )
})
