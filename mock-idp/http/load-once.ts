/**
 * A module loaded on first use: every caller before it settles waits for the same import, and a
 * failed import is forgotten, so the next caller tries again instead of failing for the life of
 * the process (a broken installation that is repaired, or a transient I/O error).
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined
      throw error
    }))
}
