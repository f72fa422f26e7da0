/**
 * A conservative estimate of the bits of randomness in a value the client generated (state, nonce):
 * its length times the bits per character of the smallest alphabet that covers it. A value from a
 * good generator can only be underestimated by this (a hex string is read as hex, not base64).
 */
export function estimatedBits(value: string): number {
  const alphabets: Array<[RegExp, number]> = [
    [/^[0-9]+$/, Math.log2(10)],
    [/^[0-9a-f]+$/i, 4],
    [/^[A-Za-z0-9]+$/, Math.log2(62)],
    [/^[A-Za-z0-9_-]+$/, 6],
    [/^[A-Za-z0-9+/=]+$/, 6],
  ]
  const distinct = new Set(value).size
  for (const [alphabet, bits] of alphabets)
    if (alphabet.test(value)) return Math.min(value.length * bits, value.length * Math.log2(Math.max(distinct, 2)) * 2)
  return value.length * Math.log2(Math.max(distinct, 2))
}

/** RFC 6749 §10.10: "The probability of an attacker guessing generated tokens … MUST be less than or equal to 2^(-128)". */
export const MIN_BITS = 128
