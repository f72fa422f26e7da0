/**
 * JSON with a bound on nesting, for what a test hands the mock (the control API's bodies, the
 * claims and bodies of `use()`): a value nested thousands of levels deep overflows the stack of
 * `JSON.parse`, `JSON.stringify` and every recursive walk after them (a RangeError, then a 500).
 * Real overrides and configs are a handful of levels deep.
 */

/** Deepest nesting accepted: objects and arrays inside each other, the outermost counting 1. */
export const MAX_JSON_DEPTH = 32

export class JsonBodyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'JsonBodyError'
  }
}

/**
 * Parses `text` as JSON (RFC 8259), refusing it before parsing when arrays and objects nest deeper
 * than `maxDepth`: the scan is a loop over the characters, so no input can exhaust the stack.
 */
export function parseBoundedJson(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  let depth = 0
  let inString = false
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index)
    if (inString) {
      if (char === BACKSLASH) index++
      else if (char === QUOTE) inString = false
    } else if (char === QUOTE) inString = true
    else if (char === OPEN_BRACKET || char === OPEN_BRACE) {
      if (++depth > maxDepth) throw new JsonBodyError(`the JSON body nests deeper than ${maxDepth} levels`)
    } else if (char === CLOSE_BRACKET || char === CLOSE_BRACE) depth--
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new JsonBodyError(`the body is not valid JSON (${(error as Error).message})`)
  }
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d

/**
 * Why `value` cannot travel as JSON within `maxDepth` levels (nested too deep, circular, or holding
 * a bigint), or undefined when it can. For values built in JavaScript (the library's `use()`), which
 * never went through `parseBoundedJson`. A shared sub-object is walked again only with less depth
 * left than when it was found fine, so at most `maxDepth` times.
 */
export function jsonValueIssue(value: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
  const verified = new Map<object, number>()
  const ancestors = new Set<object>()
  const walk = (node: unknown, remaining: number): string | undefined => {
    if (typeof node === 'bigint') return 'contains a bigint, which JSON cannot represent'
    if (typeof node !== 'object' || node === null) return undefined
    if (ancestors.has(node)) return 'is circular'
    if (remaining === 0) return `nests deeper than ${maxDepth} levels`
    const known = verified.get(node)
    if (known !== undefined && known <= remaining) return undefined
    ancestors.add(node)
    for (const child of Object.values(node)) {
      const issue = walk(child, remaining - 1)
      if (issue) return issue
    }
    ancestors.delete(node)
    // Fine with `remaining` levels left: fine with at least as many.
    verified.set(node, remaining)
    return undefined
  }
  return walk(value, maxDepth)
}
