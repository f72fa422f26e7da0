/**
 * The suite's only deliberately simultaneous requests. Each tests that a single-use credential is
 * spent once even when requests race, which takes requests that really overlap. They are exempt
 * from serial mode (`--concurrency 1` and the fallback to serial): the burst runs alone against
 * the target (nothing else in flight) with its requests overlapping each other, and a server
 * error inside the burst is the evidence being judged, never a sign of load that triggers the
 * fallback. Everything else the suite sends goes one at a time in serial mode.
 */
export const CONCURRENT_BY_DESIGN = {
  /** RFC 6749 §4.1.2: a code used twice MUST be denied; five simultaneous redemptions test that the check is atomic. */
  'code.concurrent-redeem': 'five simultaneous redemptions of one authorization code',
  /** RFC 9700 §4.14.2: a rotated refresh token is single-use; three simultaneous refreshes test the rotation is atomic. */
  'rt.concurrent-refresh': 'three simultaneous refreshes with one refresh token',
} as const

/** A declared exemption: the id of the check the simultaneous requests are judged by. */
export type ConcurrentByDesign = keyof typeof CONCURRENT_BY_DESIGN
