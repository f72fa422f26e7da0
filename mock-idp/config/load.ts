/**
 * Turns a JSON file, environment variables and programmatic input into one validated config.
 * Every source goes through `mockIdpConfigSchema`; a bad value stops start-up with the path
 * and the rule it breaks (and a suggestion for a misspelt key).
 */
import { readFileSync } from 'node:fs'
import type { z } from 'zod'
import { closestMatch } from '../../core/closest-match.js'
import { type MockIdpConfig, type MockIdpConfigInput, mockIdpConfigSchema } from './schema.js'

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly issues: string[] = [],
  ) {
    super(issues.length > 0 ? `${message}\n${issues.map((issue) => `  - ${issue}`).join('\n')}` : message)
    this.name = 'ConfigError'
  }
}

export function parseConfig(input: unknown, source = 'config'): MockIdpConfig {
  const result = mockIdpConfigSchema.safeParse(input ?? {})
  if (!result.success) {
    throw new ConfigError(`Invalid mock IdP ${source}:`, result.error.issues.map(formatIssue))
  }
  return result.data
}

/** Options that were removed, and what replaced them: said plainly rather than "unknown option". */
const replacedOptions = new Map([
  [
    'limits.maxStoreEntries',
    'no longer exists: the store has a budget per kind instead, limits.store.{interactions,sessions,codes,tokens}.maxEntries and .maxBytes (docs/mock-store.md)',
  ],
])

export function formatIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length === 0 ? '(root)' : formatPath(issue.path)
  if (issue.code === 'unrecognized_keys') {
    return issue.keys
      .map((key) => {
        const option = where === '(root)' ? key : `${where}.${key}`
        const replacement = replacedOptions.get(option)
        if (replacement) return `${option}: ${replacement}`
        const suggestion = closestMatch(key, knownKeysAt(issue.path))
        return `${option}: unknown option${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`
      })
      .join('\n  - ')
  }
  return `${where}: ${issue.message}`
}

export function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`
    return out === '' ? String(part) : `${out}.${String(part)}`
  }, '')
}

/** Reads and validates a JSON config file; a missing file or broken JSON is a ConfigError. */
export function loadConfigFile(file: string): MockIdpConfigInput {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new ConfigError(
      `Cannot read config file "${file}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    )
  }
  try {
    return JSON.parse(text) as MockIdpConfigInput
  } catch (error) {
    throw new ConfigError(`Config file "${file}" is not valid JSON: ${(error as Error).message}`)
  }
}

const ENV_PREFIX = 'CODEFLOW_IDP_'

/**
 * Environment overlay. Shorthands: CODEFLOW_IDP_ISSUER, _HOST, _PORT, _SEED, _STORE (store.url). Any option by path:
 * `CODEFLOW_IDP__tokens__accessTokenTtl=300` (double underscores separate path segments; the
 * value is parsed as JSON when it parses, else taken as a string).
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const shorthands: Record<string, string> = {
    ISSUER: 'issuer',
    HOST: 'host',
    PORT: 'port',
    SEED: 'seed',
    STORE: 'store.url',
  }
  for (const [name, key] of Object.entries(shorthands)) {
    const value = env[`${ENV_PREFIX}${name}`]
    if (value === undefined || value === '') continue
    if (key === 'store.url') out.store = { url: value }
    else out[key] = key === 'port' ? parseEnvValue(value) : value
  }
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(`${ENV_PREFIX}_`) || value === undefined) continue
    const segments = name
      .slice(ENV_PREFIX.length + 1)
      .split('__')
      .filter(Boolean)
    if (segments.length === 0) continue
    let cursor = out
    for (const segment of segments.slice(0, -1)) {
      const next = cursor[segment]
      if (typeof next !== 'object' || next === null || Array.isArray(next)) cursor[segment] = {}
      cursor = cursor[segment] as Record<string, unknown>
    }
    cursor[segments.at(-1)!] = parseEnvValue(value)
  }
  return out
}

function parseEnvValue(value: string): unknown {
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

/** Deep merge for plain objects; arrays and scalars from `overlay` replace those in `base`. */
export function mergeConfig(base: Record<string, unknown>, overlay: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(overlay)) {
    const current = out[key]
    out[key] =
      isPlainObject(current) && isPlainObject(value)
        ? mergeConfig(current as Record<string, unknown>, value as Record<string, unknown>)
        : value
  }
  return out
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** File first, then environment, then explicit overrides (CLI flags): later sources win. */
export function resolveConfig(options: {
  file?: string
  env?: NodeJS.ProcessEnv
  overrides?: Record<string, unknown>
}): MockIdpConfig {
  const env = options.env ?? process.env
  const file = options.file ?? env.CODEFLOW_IDP_CONFIG
  let merged: Record<string, unknown> = file ? (loadConfigFile(file) as Record<string, unknown>) : {}
  merged = mergeConfig(merged, configFromEnv(env))
  merged = mergeConfig(merged, options.overrides ?? {})
  return parseConfig(merged, file ? `config (${file})` : 'config')
}

function knownKeysAt(path: PropertyKey[]): string[] {
  // Walk the schema's shape along the path to list the keys that were allowed there.
  let schema: unknown = mockIdpConfigSchema
  for (const part of path) {
    schema = unwrap(schema)
    const def = (schema as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown } }).def
    if (def?.type === 'object') schema = def.shape?.[String(part)]
    else if (def?.type === 'array') schema = def.element
    else return []
  }
  const def = (unwrap(schema) as { def?: { shape?: Record<string, unknown> } }).def
  return Object.keys(def?.shape ?? {})
}

function unwrap(schema: unknown): unknown {
  let current = schema as { def?: { type?: string; innerType?: unknown; in?: unknown } }
  for (let i = 0; i < 10 && current?.def; i++) {
    const def = current.def
    if (def.innerType) current = def.innerType as typeof current
    else if (def.type === 'pipe' && def.in) current = def.in as typeof current
    else break
  }
  return current
}
