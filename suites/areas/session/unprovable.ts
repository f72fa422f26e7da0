/**
 * MUST checks of this area that no behaviour of the mock IdP proves, each with the reason it
 * cannot be simulated; the self-check (test/self-check/) holds every other MUST check to a behaviour.
 */
export const sessionUnprovable: Readonly<Record<string, string>> = {}
