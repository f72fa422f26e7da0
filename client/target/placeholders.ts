/**
 * `{issuer}`, `{client_id}`, `{client_secret}`, `{redirect_uri}` and `{port}` in the client target
 * file's command, environment, URLs and redirect URIs, filled per run (and per fresh issuer).
 */

export const PLACEHOLDERS = ['issuer', 'client_id', 'client_secret', 'redirect_uri', 'port'] as const
export type Placeholder = (typeof PLACEHOLDERS)[number]
export type PlaceholderValues = Partial<Record<Placeholder, string>>

export class PlaceholderError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PlaceholderError'
  }
}

/**
 * Replaces every known `{name}`; other braces are left alone (a JSON snippet in an env value stays
 * intact). A known placeholder without a value is an error naming where it was used.
 */
export function fillPlaceholders(text: string, values: PlaceholderValues, where: string): string {
  return text.replace(/\{([a-z_]+)\}/g, (match, name: string) => {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) return match
    const value = values[name as Placeholder]
    if (value === undefined) throw new PlaceholderError(`${where}: {${name}} has no value in this run`)
    return value
  })
}

/** True when `text` uses the placeholder: an app started with `{issuer}` can be pointed at a fresh issuer. */
export function usesPlaceholder(text: string, name: Placeholder): boolean {
  return text.includes(`{${name}}`)
}
