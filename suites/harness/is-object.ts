/** A JSON object (not null, not an array): the shape metadata, token responses and JWK Sets must have. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
