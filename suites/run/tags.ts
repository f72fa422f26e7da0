/**
 * The vitest tags of a check: its level (`MUST`, `SHOULD`, `MAY`), the spec families it cites
 * (`RFC6749`, `OIDCC`, …) and its area (`area:token`). Users filter a run with vitest's own
 * `--tags-filter` (e.g. `MUST && RFC7636`, `!area:logout`); test names carry the level too, so
 * `-t MUST` works as well.
 */

import { SPEC_FAMILIES } from '../../core/spec-refs.js'
import type { AnyCheck } from '../harness/check.js'
import { AREAS, type Area } from '../harness/check.js'

export const LEVEL_TAGS = {
  MUST: 'the specification says MUST: a finding fails the run',
  SHOULD: 'the specification says SHOULD: a finding is a warning',
  MAY: 'MAY or policy: informational',
} as const

export const areaTag = (area: string): string => `area:${area}`

export function specFamily(token: string): string {
  return token.split('-')[0] ?? token
}

export function checkTags(check: Pick<AnyCheck, 'level' | 'spec' | 'area'>): string[] {
  return [check.level, ...new Set(check.spec.map(specFamily)), areaTag(check.area)]
}

/** Every tag a check can carry, with a description, for vitest's `tags` option (strict: a typo fails). */
export function tagDefinitions(): Array<{ name: string; description: string }> {
  return [
    ...Object.entries(LEVEL_TAGS).map(([name, description]) => ({ name, description })),
    ...Object.entries(SPEC_FAMILIES).map(([name, family]) => ({ name, description: family.title })),
    ...Object.entries(AREAS).map(([area, title]) => ({ name: areaTag(area as Area), description: title })),
  ]
}

/** The vitest test name of a check: `<id> [<LEVEL>] <title>`. */
export function testName(check: Pick<AnyCheck, 'id' | 'level' | 'title'>): string {
  return `${check.id} [${check.level}] ${check.title}`
}
