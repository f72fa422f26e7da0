/**
 * Reading OAuth parameters with the rules that apply to all of them (RFC 6749 §3.1, §3.2):
 * "Parameters sent without a value MUST be treated as if they were omitted from the request" and
 * "Request and response parameters MUST NOT be included more than once."
 */
import { InvalidRequest } from '../errors.js'

export class Params {
  constructor(
    private readonly source: URLSearchParams,
    private readonly maxLength: number,
  ) {}

  /** The single value of `name`, or undefined when absent or empty. */
  get(name: string): string | undefined {
    const values = this.source.getAll(name).filter((value) => value !== '')
    if (values.length > 1) throw new InvalidRequest(`"${name}" parameter must not be included more than once`)
    const value = values[0]
    if (value !== undefined && value.length > this.maxLength) {
      throw new InvalidRequest(`"${name}" parameter exceeds ${this.maxLength} characters`)
    }
    return value
  }

  require(name: string): string {
    const value = this.get(name)
    if (value === undefined) throw new InvalidRequest(`"${name}" parameter is missing`)
    return value
  }

  has(name: string): boolean {
    return this.get(name) !== undefined
  }

  /** Every distinct parameter name sent with more than one non-empty value. */
  repeated(): string[] {
    const counts = new Map<string, number>()
    for (const [name, value] of this.source) if (value !== '') counts.set(name, (counts.get(name) ?? 0) + 1)
    return [...counts].filter(([, count]) => count > 1).map(([name]) => name)
  }

  names(): string[] {
    return [...new Set(this.source.keys())]
  }

  toObject(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const [name, value] of this.source) if (!(name in out)) out[name] = value
    return out
  }
}

/** Merges the query and the form body of an authorization POST; a name in both counts as repeated. */
export function mergeParams(...sources: URLSearchParams[]): URLSearchParams {
  const merged = new URLSearchParams()
  for (const source of sources) for (const [name, value] of source) merged.append(name, value)
  return merged
}
