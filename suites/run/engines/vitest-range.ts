/**
 * The vitest versions the vitest engine works with, as an npm range: 4.1 brought test tags, and the
 * engine uses startVitest, the reporter API, provide/inject and tags (engines/vitest.ts).
 */
export const VITEST_ENGINE_RANGE = '^4.1'
