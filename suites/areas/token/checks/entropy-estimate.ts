/**
 * A conservative estimate of the entropy of generated values (codes, tokens, secrets) from
 * samples, for RFC 6749 §10.10 ("The probability of an attacker guessing generated tokens (and
 * other credentials not intended for handling by end-users) MUST be less than or equal to 2^(-128)
 * and SHOULD be less than or equal to 2^(-160)").
 *
 * length × log2(alphabet), where the alphabet is the union of the character classes actually used
 * (digits, hex, lower, upper, the base64/base64url extras, anything else one by one) across all
 * samples — so a short but dense code (22 base64url characters, 132 bits) is not mistaken for a
 * weak one, and a hex code is not credited with 6 bits a character. Positions that hold the same
 * character in every sample of equal length (a fixed prefix, UUID dashes) carry nothing and are not
 * counted, once there are at least 3 samples.
 */

export interface EntropyEstimate {
  /** Estimated bits of the weakest sample. */
  bits: number
  alphabetSize: number
  /** Characters counted (after removing constant positions) in the weakest sample. */
  effectiveLength: number
  /** Why the estimate is this, in words. */
  basis: string
}

export function estimateEntropy(samples: string[]): EntropyEstimate {
  const all = samples.join('')
  const used = new Set(all)
  let size = 0
  const names: string[] = []
  if (/[0-9]/.test(all)) {
    size += 10
    names.push('digits')
  }
  // Hex letters alone are a 16-symbol alphabet (with the digits); any other letter means the full case.
  const lowerFull = /[g-z]/.test(all)
  const upperFull = /[G-Z]/.test(all)
  if (lowerFull) {
    size += 26
    names.push('a-z')
  } else if (/[a-f]/.test(all)) {
    size += 6
    names.push('a-f')
  }
  if (upperFull) {
    size += 26
    names.push('A-Z')
  } else if (/[A-F]/.test(all)) {
    size += 6
    names.push('A-F')
  }
  if (/[-_]/.test(all)) {
    size += 2
    names.push('-_')
  }
  if (/[+/]/.test(all)) {
    size += 2
    names.push('+/')
  }
  const others = [...used].filter((char) => !/[0-9a-zA-Z\-_+/]/.test(char))
  size += others.length
  if (others.length > 0) names.push(`${others.length} other`)
  size = Math.max(size, 1)

  const sameLength = samples.length >= 3 && samples.every((sample) => sample.length === samples[0]!.length)
  const constant = new Set<number>()
  if (sameLength) {
    for (let index = 0; index < samples[0]!.length; index++) {
      if (samples.every((sample) => sample[index] === samples[0]![index])) constant.add(index)
    }
  }
  const perChar = Math.log2(size)
  let weakest = Number.POSITIVE_INFINITY
  let effectiveLength = 0
  for (const sample of samples) {
    // "=" padding carries no entropy.
    const length = [...sample.replace(/=+$/, '')].filter((_, index) => !constant.has(index)).length
    if (length * perChar < weakest) {
      weakest = length * perChar
      effectiveLength = length
    }
  }
  if (samples.length === 0) weakest = 0
  return {
    bits: Math.floor(weakest),
    alphabetSize: size,
    effectiveLength,
    basis: `${effectiveLength} characters × log2(${size}) (alphabet: ${names.join(', ')}${constant.size > 0 ? `; ${constant.size} positions constant across samples not counted` : ''})`,
  }
}

/** Whether numeric samples look sequential (small differences between consecutive values). */
export function looksSequential(samples: string[]): boolean {
  if (samples.length < 3 || !samples.every((sample) => /^\d{1,15}$/.test(sample))) return false
  const values = samples.map(Number)
  return values.slice(1).every((value, index) => Math.abs(value - values[index]!) < 1_000_000)
}

/** RFC 6749 App. A: VSCHAR = %x20-7E. */
export const VSCHAR = /^[\x20-\x7E]+$/
