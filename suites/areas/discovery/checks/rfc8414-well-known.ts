/**
 * disc.rfc8414-well-known — if the RFC 8414 document is served, it has the identical issuer and
 * the same endpoints as the OpenID configuration (RFC 8414 §3, §3.3).
 */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'

const ENDPOINTS = [
  'authorization_endpoint',
  'token_endpoint',
  'jwks_uri',
  'userinfo_endpoint',
  'registration_endpoint',
  'revocation_endpoint',
  'introspection_endpoint',
  'end_session_endpoint',
]

export default defineCheck({
  id: 'disc.rfc8414-well-known',
  title: 'The RFC 8414 well-known document, if served, agrees with the OpenID configuration',
  area: 'discovery',
  level: 'SHOULD',
  spec: ['RFC8414-3', 'RFC8414-3.3'],
  needs: ['discovery', 'rfc8414Metadata'],
  evaluate: ({ discovery, rfc8414Metadata }, { target }) => {
    const exchanges = [rfc8414Metadata.exchange, ...(discovery.exchange ? [discovery.exchange] : [])]
    if ([404, 405, 410, 501].includes(rfc8414Metadata.status))
      return skip(`the server does not serve ${rfc8414Metadata.url} (HTTP ${rfc8414Metadata.status})`)
    // RFC 8414 §3.2: "A successful response MUST use the 200 OK HTTP status code and return a JSON
    // object using the "application/json" content type".
    if (rfc8414Metadata.status !== 200 || !rfc8414Metadata.metadata)
      return fail(`${rfc8414Metadata.url} answered HTTP ${rfc8414Metadata.status} without a JSON object`, {
        expected: '200 and a JSON object, or 404 when not served',
        actual: rfc8414Metadata.status,
        exchanges,
      })
    const oauth = rfc8414Metadata.metadata
    const problems: string[] = []
    // RFC 8414 §3.3: "The "issuer" value returned MUST be identical to the authorization server's
    // issuer identifier value into which the well-known URI string was inserted".
    if (oauth.issuer !== target.issuer)
      problems.push(`"issuer" is ${JSON.stringify(oauth.issuer)}, not the issuer "${target.issuer}"`)
    for (const name of ['authorization_endpoint', 'token_endpoint'])
      if (typeof oauth[name] !== 'string') problems.push(`"${name}" is missing`)
    const oidc = discovery.metadata
    if (oidc) {
      for (const name of ENDPOINTS) {
        if (oauth[name] !== undefined && oidc[name] !== undefined && oauth[name] !== oidc[name])
          problems.push(
            `"${name}" differs: ${JSON.stringify(oauth[name])} vs ${JSON.stringify(oidc[name])} in the OpenID configuration`,
          )
        else if ((oauth[name] === undefined) !== (oidc[name] === undefined))
          problems.push(`"${name}" is published in only one of the two documents`)
      }
    }
    if (problems.length > 0)
      return fail(`the RFC 8414 metadata disagrees: ${problems.join('; ')}`, { actual: problems, exchanges })
    return pass(undefined, { exchanges })
  },
})
