/**
 * A config that cannot be used: the message names the source, and each issue the option's path
 * and the rule it breaks. Apart from the schema (load.ts) so that reading a config that needs no
 * schema work (default-config.ts) loads no validation library.
 */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly issues: string[] = [],
  ) {
    super(issues.length > 0 ? `${message}\n${issues.map((issue) => `  - ${issue}`).join('\n')}` : message)
    this.name = 'ConfigError'
  }
}

/** `['clients', 0, 'behaviours', 1]` → `clients[0].behaviours[1]`. */
export function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`
    return out === '' ? String(part) : `${out}.${String(part)}`
  }, '')
}
