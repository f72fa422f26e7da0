/**
 * The approximate size of a value as JSON, without building the string: what the byte budgets of
 * the store and the recorded requests count. Strings count their length (UTF-16 code units) and
 * quotes, numbers a flat 8 bytes, and each field its name and punctuation; escapes are ignored.
 * Close to what a shared store (Redis) would hold for the same record, and within a small factor
 * of the V8 heap it takes, where long strings (the part an attacker controls) dominate both.
 */

/** Deeper than any record the mock keeps; deeper parts are not counted rather than recursed into. */
const MAX_DEPTH = 32

export function jsonSize(value: unknown, depth = 0): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2
    case 'number':
    case 'bigint':
      return 8
    case 'boolean':
      return value ? 4 : 5
    case 'object': {
      if (value === null || depth >= MAX_DEPTH) return 4
      let size = 2
      if (Array.isArray(value)) {
        for (const item of value) size += jsonSize(item, depth + 1) + 1
        return size
      }
      const record = value as Record<string, unknown>
      for (const name in record) {
        const field = record[name]
        if (field !== undefined && Object.hasOwn(record, name)) size += name.length + 4 + jsonSize(field, depth + 1)
      }
      return size
    }
    default:
      return 0
  }
}
