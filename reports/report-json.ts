/**
 * report.json in parts: the same text as `JSON.stringify(report, null, 2)` plus a newline, made
 * one check, one root cause, one observation at a time, so writing it never holds the whole
 * report as one string (a run's report is bounded per part, not as a whole: reports/report-bounds.ts).
 */
import type { Report } from './schema.js'

/** Objects and arrays this deep are split into their members; deeper ones are stringified whole. */
const SPLIT_DEPTH = 2

export function* reportJsonParts(report: Report): Generator<string> {
  yield* jsonParts(report, '', 0)
  yield '\n'
}

function* jsonParts(value: unknown, indent: string, depth: number): Generator<string> {
  if (depth >= SPLIT_DEPTH || value === null || typeof value !== 'object' || hasToJson(value)) {
    // JSON.stringify indents from column 0: continue its lines at this depth (strings hold no raw newline).
    yield (JSON.stringify(value, null, 2) ?? 'null').replaceAll('\n', `\n${indent}`)
    return
  }
  const inner = `${indent}  `
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]'
      return
    }
    yield '[\n'
    for (const [index, item] of value.entries()) {
      yield inner
      yield* jsonParts(isJsonValue(item) ? item : null, inner, depth + 1)
      yield index < value.length - 1 ? ',\n' : '\n'
    }
    yield `${indent}]`
    return
  }
  const members = Object.entries(value).filter(([, member]) => isJsonValue(member))
  if (members.length === 0) {
    yield '{}'
    return
  }
  yield '{\n'
  for (const [index, [key, member]] of members.entries()) {
    yield `${inner}${JSON.stringify(key)}: `
    yield* jsonParts(member, inner, depth + 1)
    yield index < members.length - 1 ? ',\n' : '\n'
  }
  yield `${indent}}`
}

/** What JSON.stringify writes for a member rather than leaving it out. */
function isJsonValue(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol'
}

function hasToJson(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function'
}
