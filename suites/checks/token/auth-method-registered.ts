import { defineCheck, fail, pass, warn } from '../../harness/check.js'
import { describeCall, errorCode, tokensIssued } from './token-errors.js'

export default defineCheck({
  id: 'token.auth-method-registered',
  title: 'A client that authenticates with a method other than the one it registered is refused',
  area: 'token',
  level: 'SHOULD',
  spec: ['OIDCC-9'],
  needs: ['tokenClientAuth'],
  evaluate: ({ tokenClientAuth }) => {
    const call = tokenClientAuth.unregisteredMethod
    const exchanges = [call.exchange]
    const other = tokenClientAuth.method === 'client_secret_basic' ? 'client_secret_post' : 'client_secret_basic'
    // RFC 7591 §2: token_endpoint_auth_method is the "requested authentication method for the token
    // endpoint"; OIDC Core §9 lists the methods a client registers. Honouring any other method
    // weakens that registration.
    if (tokensIssued(call))
      return fail(`"${tokenClientAuth.client}" registered ${tokenClientAuth.method} but was accepted with ${other}`, {
        expected: 'error="invalid_client"',
        actual: describeCall(call),
        exchanges,
      })
    if (errorCode(call) !== 'invalid_client')
      return warn(`${other} for a ${tokenClientAuth.method} client was refused with ${describeCall(call)}`, {
        expected: 'error="invalid_client"',
        actual: describeCall(call),
        exchanges,
      })
    return pass(undefined, { actual: describeCall(call), exchanges })
  },
})
