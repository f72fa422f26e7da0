/**
 * Comparing secrets (client secrets, PKCE verifiers) without a timing side channel (RFC 6819 §5.1.4.2.2 warns about
 * guessable secrets; a byte-by-byte early exit would let an attacker guess one byte at a time).
 * Both sides are hashed first so that `timingSafeEqual` always compares equal-length buffers and
 * the secret's length leaks no more than its content.
 */
import { createHash, timingSafeEqual } from 'node:crypto'

export function secretMatches(expected: string | undefined, presented: string | undefined): boolean {
  if (expected === undefined || presented === undefined) return false
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()
  return timingSafeEqual(digest(expected), digest(presented))
}
