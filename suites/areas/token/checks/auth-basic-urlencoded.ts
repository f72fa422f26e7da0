import { defineCheck, fail, pass } from '../../../harness/check.js'
import { describeCall, tokensIssued } from './token-errors.js'

export default defineCheck({
  id: 'token.auth-basic-urlencoded',
  title: 'Basic credentials are form-urlencoded before base64',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-2.3.1'],
  needs: ['tokenBasicUrlencoded'],
  coveredBy: { oidf: 'AddBasicAuthClientSecretToRequest encodes, but no module uses such a secret' },
  evaluate: ({ tokenBasicUrlencoded }) => {
    const { client, encoded, unencoded } = tokenBasicUrlencoded
    const exchanges = [encoded.exchange, ...(unencoded ? [unencoded.exchange] : [])]
    // RFC 6749 §2.3.1: "The client identifier is encoded using the application/x-www-form-urlencoded
    // encoding algorithm per Appendix B, and the encoded value is used as the username; the client
    // password is encoded using the same algorithm and used as the password."
    if (!tokensIssued(encoded))
      return fail(`the form-urlencoded Basic credentials of "${client}" were refused`, {
        expected: 'HTTP 200 with tokens',
        actual: describeCall(encoded),
        exchanges,
      })
    // The raw value decodes to something else, so a server that accepts it is not decoding.
    if (unencoded && tokensIssued(unencoded))
      return fail(
        `the raw (not form-urlencoded) Basic credentials of "${client}" were accepted too: the server does not form-decode them`,
        {
          expected: 'invalid_client for the raw credentials',
          actual: describeCall(unencoded),
          exchanges,
        },
      )
    return pass(undefined, {
      actual: { encoded: describeCall(encoded), unencoded: unencoded && describeCall(unencoded) },
      exchanges,
    })
  },
})
