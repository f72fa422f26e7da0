/**
 * Where a config comes from: a JSON file, environment variables and explicit overrides (CLI
 * flags), merged in that order into one input for the schema. Nothing here validates, so that
 * reading the input loads no validation library (see read-config.ts).
 */
import { readFileSync } from 'node:fs'
import { ConfigError } from './config-error.js'
import type { MockIdpConfigInput } from './schema.js'

/** Reads a JSON config file; a missing file or broken JSON is a ConfigError. */
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

export interface ConfigInput {
  input: Record<string, unknown>
  /** What error messages call it: `config (path/to/file.json)` or `config`. */
  source: string
}

/** File first, then environment, then explicit overrides (CLI flags): later sources win. */
export function configInput(options: {
  file?: string
  env?: NodeJS.ProcessEnv
  overrides?: Record<string, unknown>
}): ConfigInput {
  const env = options.env ?? process.env
  const file = options.file ?? env.CODEFLOW_IDP_CONFIG
  let merged: Record<string, unknown> = file ? (loadConfigFile(file) as Record<string, unknown>) : {}
  merged = mergeConfig(merged, configFromEnv(env))
  merged = mergeConfig(merged, options.overrides ?? {})
  return { input: merged, source: file ? `config (${file})` : 'config' }
}
