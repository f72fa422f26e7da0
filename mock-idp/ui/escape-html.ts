/**
 * The one escaping function for every value interpolated into a page (text or a quoted
 * attribute). Pages are built from template strings, so everything that did not come from this
 * source file goes through here.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (char) => ENTITIES[char]!)
}
