import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { headerPairs, RawHeaderLines } from './header-list.js'

const name = fc.constantFrom(
  'Accept',
  'accept',
  'X-Trace',
  'x-trace',
  'Cookie',
  'Set-Cookie',
  'Content-Type',
  'A',
  'b-c',
)
const value = fc
  .tuple(
    fc.constantFrom('', ' ', '\t', '  \t'),
    fc.stringMatching(/^[!-~]([ !-~]{0,10}[!-~])?$/),
    fc.constantFrom('', ' ', '\t'),
  )
  .map(([before, middle, after]) => `${before}${middle}${after}`)

describe('headerPairs', () => {
  it('lists what a web Headers object lists for the same raw headers', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { maxLength: 8 }), (raw) => {
        const web = new Headers()
        for (const [n, v] of raw) web.append(n, v)
        expect(headerPairs(raw.flat())).toEqual([...web])
      }),
      { numRuns: 300, seed: 20261207 },
    )
  })
})

describe('RawHeaderLines', () => {
  it('gets and has what a web Headers object gets and has, by any case of the name', () => {
    const asked = ['accept', 'X-TRACE', 'cookie', 'Set-Cookie', 'content-type', 'a', 'B-C', 'origin']
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { maxLength: 8 }), (raw) => {
        const web = new Headers()
        for (const [n, v] of raw) web.append(n, v)
        // One instance asked every name: the names it lower-cases on the first `get` serve the rest.
        const lines = new RawHeaderLines(raw.flat())
        for (const wanted of asked) {
          expect(lines.get(wanted), wanted).toBe(web.get(wanted))
          expect(lines.has(wanted), wanted).toBe(web.has(wanted))
        }
        expect(lines.pairs()).toEqual([...web])
      }),
      { numRuns: 300, seed: 20261207 },
    )
  })
})
