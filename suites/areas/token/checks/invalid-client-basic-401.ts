import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { describeCall } from './token-errors.js'

export default defineCheck({
  id: 'token.invalid-client-basic-401',
  title: 'A failed Basic authentication is answered 401 with a WWW-Authenticate: Basic challenge',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-5.2', 'RFC9110-11.6.1'],
  needs: ['tokenClientAuth'],
  coveredBy: {
    oidf: 'none ("we are not checking the WWW-Authenticate header at all", AbstractFAPI2SPFinalMultipleClient)',
  },
  evaluate: ({ tokenClientAuth }) => {
    const attempt = tokenClientAuth.wrongSecretBasic
    if (!attempt) return skip('the target file has no client_secret_basic client')
    const { call } = attempt
    const challenge = call.headers.get('www-authenticate')
    const actual = { status: call.status, 'www-authenticate': challenge, result: describeCall(call) }
    const exchanges = [call.exchange]
    // RFC 6749 §5.2: "If the client attempted to authenticate via the "Authorization" request header
    // field, the authorization server MUST respond with an HTTP 401 (Unauthorized) status code and
    // include the "WWW-Authenticate" response header field matching the authentication scheme used
    // by the client."
    if (call.status !== 401)
      return fail(`a failed Basic authentication was answered HTTP ${call.status}, not 401`, {
        expected: 401,
        actual,
        exchanges,
      })
    if (!challenge || !/(^|,)\s*basic(\s|,|$)/i.test(challenge))
      return fail('the 401 has no "WWW-Authenticate" challenge for the Basic scheme', {
        expected: 'WWW-Authenticate: Basic realm=…',
        actual,
        exchanges,
      })
    return pass(undefined, { actual, exchanges })
  },
})
