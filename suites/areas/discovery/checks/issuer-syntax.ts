/** disc.issuer-syntax — the issuer is an https URL with a host and no query, fragment or userinfo (OIDC Discovery §3, RFC 8414 §2). */
import { defineCheck, fail, info, pass } from '../../../harness/check.js'
import { LOOPBACK_NOTE, urlScheme } from './url-rules.js'

export default defineCheck({
  id: 'disc.issuer-syntax',
  title: 'The issuer is an https URL with a host and no query, fragment or userinfo',
  area: 'discovery',
  level: 'MUST',
  spec: ['OIDCD-3', 'RFC8414-2', 'OIDCC-2'],
  needs: ['discovery'],
  coveredBy: { oidf: 'CheckDiscEndpointIssuerIsValidUrl' },
  evaluate: ({ discovery }, { target }) => {
    const issuer = discovery.metadata?.issuer ?? target.issuer
    const exchanges = discovery.exchange ? [discovery.exchange] : []
    const scheme = urlScheme(issuer)
    if (scheme.kind === 'invalid')
      return fail('"issuer" is not an absolute URL', { expected: 'an https URL', actual: issuer, exchanges })
    const { url } = scheme
    // OIDC Discovery §3: "URL using the https scheme with no query or fragment components that the
    // OP asserts as its Issuer Identifier." OIDC Core §2: it "contains scheme, host, and
    // optionally, port number and path components" — so no userinfo either.
    const problems: string[] = []
    if (url.search !== '' || (typeof issuer === 'string' && issuer.includes('?')))
      problems.push('has a query component')
    if (url.hash !== '' || (typeof issuer === 'string' && issuer.includes('#')))
      problems.push('has a fragment component')
    if (url.username !== '' || url.password !== '') problems.push('has a userinfo component')
    if (url.hostname === '') problems.push('has no host')
    if (scheme.kind === 'http' || scheme.kind === 'other')
      problems.push(`uses the "${url.protocol.replace(/:$/, '')}" scheme, not "https"`)
    if (problems.length > 0)
      return fail(`"issuer" ${problems.join(', ')}`, {
        expected: 'https://host[:port][/path]',
        actual: issuer,
        exchanges,
      })
    if (scheme.kind === 'loopback-http') return info(`"issuer" is ${LOOPBACK_NOTE}`, { actual: issuer, exchanges })
    return pass(undefined, { actual: issuer, exchanges })
  },
})
