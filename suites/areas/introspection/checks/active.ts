/** intr.active — RFC 7662 §2.1–2.2: a fresh access token is active, and what is said about it is true. */
import { defineCheck, fail, info, pass, warn } from '../../../harness/check.js'
import { sameSet, scopeList } from '../../refresh/checks/expect-error.js'

/** Seconds of slack between the suite's clock and the server's when comparing exp and iat. */
const SLACK = 120

export default defineCheck({
  id: 'intr.active',
  title: 'A fresh access token introspects as active, consistent with the token response',
  area: 'introspection',
  level: 'MUST',
  spec: ['RFC7662-2.1', 'RFC7662-2.2'],
  needs: ['introspection'],
  evaluate: ({ introspection }) => {
    const answer = introspection.active
    const exchanges = [introspection.token.exchange, answer.exchange]
    // RFC 7662 §2.2: "The server responds with a JSON object [RFC7159] in "application/json" format
    // with the following top-level members. active REQUIRED. Boolean indicator of whether or not the
    // presented token is currently active."
    if (answer.status !== 200 || answer.contentType !== 'application/json' || !answer.body) {
      return fail(
        `introspecting a fresh access token was answered with HTTP ${answer.status} ${answer.contentType ?? ''}`,
        {
          expected: '200 application/json',
          actual: { status: answer.status, contentType: answer.contentType, body: answer.text.slice(0, 200) },
          exchanges,
        },
      )
    }
    const body = answer.body
    if (body.active !== true) {
      return fail('a fresh access token is not reported "active": true', {
        expected: true,
        actual: body.active,
        exchanges,
      })
    }
    // The other members are OPTIONAL; when present they must tell the truth about the token.
    const tokenBody = introspection.token.body ?? {}
    const inconsistent: Record<string, { expected: unknown; actual: unknown }> = {}
    const returnedScope = scopeList(body.scope)
    if (body.scope !== undefined && (!returnedScope || !sameSet(returnedScope, introspection.grantedScope))) {
      inconsistent.scope = { expected: introspection.grantedScope.join(' '), actual: body.scope }
    }
    if (body.client_id !== undefined && body.client_id !== introspection.clientId) {
      inconsistent.client_id = { expected: introspection.clientId, actual: body.client_id }
    }
    if (
      body.token_type !== undefined &&
      (typeof body.token_type !== 'string' ||
        typeof tokenBody.token_type !== 'string' ||
        body.token_type.toLowerCase() !== tokenBody.token_type.toLowerCase())
    ) {
      inconsistent.token_type = { expected: tokenBody.token_type, actual: body.token_type }
    }
    if (body.sub !== undefined && introspection.idTokenSub !== undefined && body.sub !== introspection.idTokenSub) {
      inconsistent.sub = { expected: introspection.idTokenSub, actual: body.sub }
    }
    const received = introspection.tokenReceivedAt
    if (body.exp !== undefined) {
      const expected = typeof tokenBody.expires_in === 'number' ? received + tokenBody.expires_in : undefined
      if (typeof body.exp !== 'number' || (expected !== undefined && Math.abs(body.exp - expected) > SLACK)) {
        inconsistent.exp = { expected: expected ?? 'a NumericDate', actual: body.exp }
      }
    }
    if (body.iat !== undefined && (typeof body.iat !== 'number' || Math.abs(body.iat - received) > SLACK)) {
      inconsistent.iat = { expected: `about ${received}`, actual: body.iat }
    }
    if (Object.keys(inconsistent).length > 0) {
      return warn(
        `introspection contradicts the token response in ${Object.keys(inconsistent)
          .map((name) => `"${name}"`)
          .join(', ')}`,
        {
          expected: Object.fromEntries(Object.entries(inconsistent).map(([k, v]) => [k, v.expected])),
          actual: Object.fromEntries(Object.entries(inconsistent).map(([k, v]) => [k, v.actual])),
          exchanges,
        },
      )
    }
    const absent = ['scope', 'client_id', 'exp', 'iat', 'sub', 'token_type'].filter((name) => body[name] === undefined)
    if (absent.length > 0) {
      return info(
        `"active": true; the OPTIONAL members ${absent.map((name) => `"${name}"`).join(', ')} are not returned`,
        {
          exchanges,
        },
      )
    }
    return pass(undefined, { exchanges })
  },
})
