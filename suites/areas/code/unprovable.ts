/**
 * MUST checks of this area that no behaviour of the mock IdP proves, each with the reason it
 * cannot be simulated; the self-check (test/self-check/) holds every other MUST check to a behaviour.
 */
export const codeUnprovable: Readonly<Record<string, string>> = {
  'code.expiry':
    'it waits 10½ minutes for a code to expire, only with policy.slow_checks, which the self-check does not set; its verdicts (a warning for a code accepted late, a failure for an expired code refused with another code than invalid_grant) are unit-tested',
}
