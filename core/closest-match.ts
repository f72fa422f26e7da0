/**
 * "Did you mean …?" hints: the Levenshtein edit distance, and the known name closest to a
 * misspelt one. Pure, and it imports nothing of ours (core/), so the mock IdP's config loader and
 * the conformance suite's target file and metadata lint share it without crossing layers.
 */

/** The Levenshtein distance between `a` and `b`: insertions, deletions and substitutions. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = current
    }
  }
  return row[b.length]!
}

/**
 * The candidate closest to `word`, ignoring case, if it is near enough to be a likely typo: at most
 * two edits, or a third of the candidate's length for longer names. The first of equally close ones wins.
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  let best: { candidate: string; distance: number } | undefined
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase())
    if (distance <= Math.max(2, Math.floor(candidate.length / 3)) && (!best || distance < best.distance)) {
      best = { candidate, distance }
    }
  }
  return best?.candidate
}
