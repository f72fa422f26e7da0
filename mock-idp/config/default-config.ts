/**
 * The configuration most starts use — the defaults with a port, a host, a seed, a log level —
 * read without the schema library. Loading and building the whole schema (zod and every rule of
 * schema.ts) is most of what `codeflow idp` would otherwise spend before its first answer, for a
 * config that differs from the defaults by values whose rules fit on one line each.
 *
 * `simpleConfig` never reports an error: it returns undefined for anything it cannot prove valid
 * (an option not listed below, a value of the wrong shape, an undefined value), and the caller
 * then parses with the schema, which names the problem. A test holds it to the schema: for every
 * input it accepts, it returns exactly what `parseConfig` returns (default-config.test.ts), and the
 * defaults it starts from are the schema's own output for `{}`.
 */
import { isDeepStrictEqual } from 'node:util'
import { defaults } from './defaults.js'
import type { MockIdpConfig } from './schema.js'

/** The options a simple config may set, each with the schema's rule for it (schema.ts). */
const simpleOptions: Record<string, (value: unknown) => boolean> = {
  port: (value) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 65535,
  host: (value) => typeof value === 'string',
  seed: (value) => typeof value === 'string',
  allowRequestBehaviours: (value) => typeof value === 'boolean',
  'log.level': (value) => typeof value === 'string' && logLevels.has(value),
}

const logLevels = new Set(['silent', 'error', 'warn', 'info', 'debug'])

/**
 * What the schema makes of `{}`: `defaults` without its unset optional options (`issuer`, `seed`)
 * and with no behaviours switched on.
 */
export function defaultConfig(): MockIdpConfig {
  const config: Record<string, unknown> = { behaviours: [] }
  for (const [key, value] of Object.entries(defaults)) if (value !== undefined) config[key] = structuredClone(value)
  return config as unknown as MockIdpConfig
}

/**
 * `input` read as the defaults plus simple options, or undefined when it is anything more. Any
 * other option may be present only with its default value (so an already validated default
 * config, with its port, passes here too).
 */
export function simpleConfig(input: unknown): MockIdpConfig | undefined {
  const config = defaultConfig()
  return overlay(config as unknown as Record<string, unknown>, input ?? {}, '') ? config : undefined
}

/**
 * Writes `input`'s simple options into `target`; false as soon as something is not simple. Only
 * an object holding simple options (`log`) is entered key by key; any other option must equal its
 * default as a whole, since the schema replaces records and arrays rather than merging them.
 */
function overlay(target: Record<string, unknown>, input: unknown, path: string): boolean {
  if (!isPlainObject(input)) return false
  for (const [key, value] of Object.entries(input)) {
    const option = `${path}${key}`
    const rule = simpleOptions[option]
    if (value === undefined) return false
    if (rule) {
      if (!rule(value)) return false
      target[key] = value
    } else if (holdsSimpleOptions.has(option)) {
      if (!overlay(target[key] as Record<string, unknown>, value, `${option}.`)) return false
    } else if (!Object.hasOwn(target, key) || !isDeepStrictEqual(target[key], value)) {
      return false
    }
  }
  return true
}

const holdsSimpleOptions = new Set(
  Object.keys(simpleOptions).flatMap((option) =>
    option
      .split('.')
      .slice(0, -1)
      .map((_, index, parts) => parts.slice(0, index + 1).join('.')),
  ),
)

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}
