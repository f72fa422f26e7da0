import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { atHash, cHash } from './hashes.js'

describe('at_hash and c_hash', () => {
  it('matches the at_hash of OIDC Core Appendix A.3 (RS256)', () => {
    expect(atHash('jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y', 'RS256')).toBe('77QmUPtjPfzWtF2AnpK9RQ')
  })

  it('matches the c_hash of OIDC Core Appendix A.4 (RS256)', () => {
    expect(cHash('Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk', 'RS256')).toBe('LDktKdoQak3Pk0cnXxCltA')
  })

  it('uses SHA-256 for ES256 and PS256, giving the same value as RS256', () => {
    const token = 'jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y'
    expect(atHash(token, 'ES256')).toBe('77QmUPtjPfzWtF2AnpK9RQ')
    expect(atHash(token, 'PS256')).toBe('77QmUPtjPfzWtF2AnpK9RQ')
  })

  it('uses the left half of SHA-512 for EdDSA (32 bytes, 43 characters)', () => {
    const token = 'jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y'
    const expected = createHash('sha512').update(token).digest().subarray(0, 32).toString('base64url')
    expect(atHash(token, 'EdDSA')).toBe(expected)
    expect(atHash(token, 'EdDSA')).toHaveLength(43)
  })
})
