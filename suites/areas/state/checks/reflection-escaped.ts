import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { REFLECTION_MARKER } from './reflection-payload.js'

export default defineCheck({
  id: 'state.reflection-escaped',
  title: 'A state reflected in an error page is HTML-escaped',
  area: 'state',
  level: 'SHOULD',
  spec: ['RFC6749-10.14'],
  needs: ['authzClientIdUnknown'],
  evaluate: ({ authzClientIdUnknown: flow }) => {
    const { result } = flow.attempt
    if (result.kind !== 'page') return skip('the unknown-client request was not answered with an error page')
    // RFC 6749 §10.14: "The authorization server and client MUST sanitize (and validate when
    // possible) any value received -- in particular, the value of the "state" and "redirect_uri" parameters."
    const raw = result.html.includes(REFLECTION_MARKER) || result.html.includes('onerror=alert(1)>')
    if (raw)
      return fail('the error page reflects the "state" value without HTML escaping (script injection)', {
        expected: 'the value escaped (&lt;script&gt;) or not reflected',
        actual: REFLECTION_MARKER,
        exchanges: result.exchanges,
      })
    return pass('the markup sent in "state" does not appear unescaped in the error page', {
      exchanges: result.exchanges,
    })
  },
})
