import { describe, expect, it } from 'vitest'
import type { InteractionRecord } from '../store/records.js'
import { csrfToken, csrfValid } from './interaction.js'

const secret = Buffer.alloc(32, 7)
const record = {
  id: 'interaction-1',
  browserId: 'b'.repeat(43),
  stage: 'login',
  failures: 0,
} as InteractionRecord

describe('CSRF double submit', () => {
  it('accepts the cookie and the token that belong to the interaction', () => {
    expect(csrfValid(secret, record, record.browserId, csrfToken(secret, record.id, record.browserId))).toBe(true)
  })

  it('rejects a post without the browser cookie', () => {
    expect(csrfValid(secret, record, undefined, csrfToken(secret, record.id, record.browserId))).toBe(false)
  })

  it("rejects another browser's cookie", () => {
    expect(csrfValid(secret, record, 'c'.repeat(43), csrfToken(secret, record.id, record.browserId))).toBe(false)
  })

  it('rejects a token minted for another interaction', () => {
    expect(csrfValid(secret, record, record.browserId, csrfToken(secret, 'interaction-2', record.browserId))).toBe(
      false,
    )
  })

  it('rejects a token minted with another secret', () => {
    const other = Buffer.alloc(32, 8)
    expect(csrfValid(secret, record, record.browserId, csrfToken(other, record.id, record.browserId))).toBe(false)
  })
})
