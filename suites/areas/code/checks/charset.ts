import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { VSCHAR } from '../../token/checks/entropy-estimate.js'

export default defineCheck({
  id: 'code.charset',
  title: 'Authorization codes consist of VSCHAR characters only',
  area: 'code',
  level: 'MUST',
  spec: ['RFC6749-A.11'],
  needs: ['codeSamples'],
  evaluate: ({ codeSamples }) => {
    const { codes, exchanges } = codeSamples
    if (codes.length === 0) return skip('no authorization code was obtained')
    // RFC 6749 App. A.11: code = 1*VSCHAR; VSCHAR = %x20-7E.
    const bad = codes.filter((code) => !VSCHAR.test(code))
    if (bad.length > 0)
      return fail('"code" contains characters outside VSCHAR (%x20-7E)', {
        expected: '1*VSCHAR',
        actual: bad.map((code) =>
          [...code]
            .filter((char) => !VSCHAR.test(char))
            .map((char) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`),
        ),
        exchanges,
      })
    return pass(undefined, { exchanges })
  },
})
