import { defineCheck, fail, pass, skip, warn } from '../../../harness/check.js'
import { estimateEntropy, looksSequential } from '../../token/checks/entropy-estimate.js'

export default defineCheck({
  id: 'code.entropy',
  title: 'Authorization codes carry at least 128 bits of entropy (160 recommended) and are not sequential',
  area: 'code',
  level: 'MUST',
  spec: ['RFC6749-10.10', 'RFC6819-5.1.4.2.2'],
  needs: ['codeSamples'],
  coveredBy: {
    oidf: 'EnsureMinimumAuthorizationCodeLength, EnsureMinimumAuthorizationCodeEntropy (oidcc-server)',
    oauch: 'Tokens.AuthorizationCodeEntropyMinReqTest, Tokens.AuthorizationCodeEntropySugReqTest',
  },
  evaluate: ({ codeSamples }) => {
    const { codes, exchanges } = codeSamples
    if (codes.length === 0) return skip('no authorization code was obtained')
    const estimate = estimateEntropy(codes)
    const finding = { actual: `${estimate.bits} bits (${estimate.basis}) over ${codes.length} codes`, exchanges }
    if (looksSequential(codes))
      return fail('authorization codes are sequential numbers', { ...finding, expected: 'unpredictable codes' })
    // RFC 6749 §10.10: "The probability of an attacker guessing generated tokens (and other
    // credentials not intended for handling by end-users) MUST be less than or equal to 2^(-128)
    // and SHOULD be less than or equal to 2^(-160)."
    if (estimate.bits < 128)
      return fail(`authorization codes carry about ${estimate.bits} bits of entropy, less than 128`, {
        ...finding,
        expected: '≥ 128 bits',
      })
    if (estimate.bits < 160)
      return warn(`authorization codes carry about ${estimate.bits} bits of entropy, less than the recommended 160`, {
        ...finding,
        expected: '≥ 160 bits',
      })
    return pass(undefined, finding)
  },
})
