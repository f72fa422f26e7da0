/**
 * A request's headers as a web `Headers` object reads and lists them (Fetch §2.2: names
 * case-insensitive, lower-cased and sorted when listed, values stripped of HTTP whitespace,
 * repeated ones joined with ", " — "; " for Cookie, as Node's `Headers` does), read straight from
 * Node's `rawHeaders`. For a request served from Node's own request (node-request-source.ts) and
 * for what the recorder keeps (recorder.ts): building a `Headers` would load Node's fetch
 * implementation, and a `Headers` of @hono/node-server holds on to the whole Node request.
 */

/** The pairs, in `Headers` order. */
export type HeaderPairs = Array<[string, string]>

const HTTP_WHITESPACE_AROUND = /^[\t\n\r ]+|[\t\n\r ]+$/g

export function headerPairs(rawHeaders: readonly string[]): HeaderPairs {
  const joined = new Map<string, string>()
  const setCookies: string[] = []
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase()
    const value = fieldValue(rawHeaders[i + 1]!)
    // Headers never joins Set-Cookie (Fetch §2.2, "sort and combine").
    if (name === 'set-cookie') {
      setCookies.push(value)
      continue
    }
    joined.set(name, combined(name, joined.get(name), value))
  }
  const pairs: HeaderPairs = [...joined]
  for (const value of setCookies) pairs.push(['set-cookie', value])
  return pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

/** A field value as `Headers` keeps it: without the HTTP whitespace around it. */
function fieldValue(raw: string): string {
  return raw.replace(HTTP_WHITESPACE_AROUND, '')
}

/** A repeated field's values joined as `Headers` joins them: ", ", or "; " for Cookie. */
function combined(name: string, before: string | undefined | null, value: string): string {
  if (before === undefined || before === null) return value
  return `${before}${name === 'cookie' ? '; ' : ', '}${value}`
}

/**
 * Node's raw header lines as received (name, value, name, value, …), read as a `Headers` reads
 * them — `get` and `has` for the request stages, the pairs for the recorder — without building
 * one. The pairs are listed only if someone reads them (the recorder keeps the last exchanges, and
 * most are never read). Holding the lines does not hold the Node request they came from.
 */
export class RawHeaderLines {
  /** The field names lower-cased, once, on the first `get` (a request is asked several). */
  #names: string[] | undefined

  constructor(readonly lines: readonly string[]) {}

  /** A field's values, joined as `Headers.get` joins them; null when absent. Names are case-insensitive. */
  get(name: string): string | null {
    const wanted = name.toLowerCase()
    this.#names ??= this.lines.filter((_, index) => index % 2 === 0).map((field) => field.toLowerCase())
    let value: string | null = null
    for (let i = 0; i < this.#names.length && 2 * i + 1 < this.lines.length; i++) {
      if (this.#names[i] === wanted) value = combined(wanted, value, fieldValue(this.lines[2 * i + 1]!))
    }
    return value
  }

  has(name: string): boolean {
    return this.get(name) !== null
  }

  pairs(): HeaderPairs {
    return headerPairs(this.lines)
  }

  /** About what the pairs cost: each name and value, and a few bytes for the pair. */
  get bytes(): number {
    let bytes = 0
    for (const line of this.lines) bytes += line.length + 2
    return bytes
  }
}
