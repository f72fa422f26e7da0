/**
 * Turns a JSON file, environment variables and programmatic input into one validated config.
 * Every source goes through `mockIdpConfigSchema`; a bad value stops start-up with the path
 * and the rule it breaks (and a suggestion for a misspelt key).
 */
import type { z } from 'zod'
import { closestMatch } from '../../core/closest-match.js'
import { ConfigError, formatPath } from './config-error.js'
import { configInput } from './config-sources.js'
import { type MockIdpConfig, mockIdpConfigSchema } from './schema.js'

export { ConfigError, formatPath } from './config-error.js'
export { configFromEnv, loadConfigFile, mergeConfig } from './config-sources.js'

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

/** File first, then environment, then explicit overrides (CLI flags): later sources win. */
export function resolveConfig(options: {
  file?: string
  env?: NodeJS.ProcessEnv
  overrides?: Record<string, unknown>
}): MockIdpConfig {
  const { input, source } = configInput(options)
  return parseConfig(input, source)
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
