/**
 * The member names a zod object schema accepts at a path of the input, so an unknown key in a
 * target file can be answered with "did you mean …?". Walks optional/default wrappers, arrays,
 * records and unions (for a union, the option the input chose).
 */
import { z } from 'zod'

export function knownKeys(schema: z.ZodType, path: ReadonlyArray<PropertyKey>, input: unknown): string[] {
  const [head, ...rest] = path
  const inner = unwrap(schema)
  if (inner instanceof z.ZodUnion) {
    const options = (inner.options as z.ZodType[]).filter((option) => chosenOption(option, path, input))
    return [...new Set(options.flatMap((option) => knownKeys(option, path, input)))]
  }
  if (head === undefined) return inner instanceof z.ZodObject ? Object.keys(inner.shape) : []
  const child = member(input, head)
  if (inner instanceof z.ZodObject) {
    const next = (inner.shape as Record<string, z.ZodType>)[String(head)]
    return next ? knownKeys(next, rest, child) : []
  }
  if (inner instanceof z.ZodArray) return knownKeys(inner.element as z.ZodType, rest, child)
  if (inner instanceof z.ZodRecord) return knownKeys(inner.valueType as z.ZodType, rest, child)
  return []
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema
  for (let depth = 0; depth < 10; depth++) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodNullable
    ) {
      current = current.unwrap() as z.ZodType
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType
    } else break
  }
  return current
}

/**
 * Whether `option` is the one the input chose: at an inner level, it has the next key; at the
 * level of the unknown key, its literal members (a discriminator such as "driver") accept the
 * input's values.
 */
function chosenOption(option: z.ZodType, path: ReadonlyArray<PropertyKey>, input: unknown): boolean {
  const inner = unwrap(option)
  if (!(inner instanceof z.ZodObject)) return false
  const shape = inner.shape as Record<string, z.ZodType>
  if (path.length > 0) return String(path[0]) in shape
  return Object.entries(shape).every(([key, schema]) => {
    const value = member(input, key)
    const literal = unwrap(schema)
    return value === undefined || !(literal instanceof z.ZodLiteral) || literal.safeParse(value).success
  })
}

function member(input: unknown, key: PropertyKey): unknown {
  return input && typeof input === 'object' ? (input as Record<PropertyKey, unknown>)[key] : undefined
}
