/**
 * Reading a JSON file a user wrote (the target file, the client target file) and saying what is
 * wrong with it in the file's own terms: the path of each problem, and for an unknown key the known
 * key it is probably a typo of.
 */
import { readFileSync } from 'node:fs'
import type { z } from 'zod'
import { closestMatch } from '../../core/closest-match.js'
import { knownKeys } from './known-keys.js'

/** Reads and parses `file`; an unreadable file or broken JSON is `fail(message)`. */
export function readJsonFile(file: string, what: string, fail: (message: string) => Error): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw fail(`Cannot read ${what} "${file}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    const name = what.charAt(0).toUpperCase() + what.slice(1)
    throw fail(`${name} "${file}" is not valid JSON: ${(error as Error).message}`)
  }
}

/** One `  - path: message` line per issue of `schema` parsing `input`. */
export function issueLines(schema: z.ZodType, issues: readonly z.core.$ZodIssue[], input: unknown): string[] {
  return issues.map((issue) => {
    const path = pathText(issue.path)
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown key(s) ${issue.keys.map((key) => withSuggestion(key, knownKeys(schema, issue.path, atPath(input, issue.path)))).join(', ')}`
        : issue.message
    return `  - ${path || '(root)'}: ${message}`
  })
}

function pathText(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./, '')
}

/** `key`, with the known key it is probably a typo of: `consnet (did you mean "consent"?)`. */
function withSuggestion(key: string, known: string[]): string {
  const suggestion = closestMatch(key, known)
  return suggestion ? `${key} (did you mean "${suggestion}"?)` : key
}

function atPath(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = value
  for (const key of path)
    current = current && typeof current === 'object' ? (current as Record<PropertyKey, unknown>)[key] : undefined
  return current
}
