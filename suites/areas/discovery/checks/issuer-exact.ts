import { defineCheck, fail, pass, skip } from '../../../harness/check.js'

export default defineCheck({
  id: 'disc.issuer-exact',
  title: 'The discovered issuer is identical to the issuer the document was fetched for',
  area: 'discovery',
  level: 'MUST',
  spec: ['OIDCD-4.3', 'RFC8414-3.3'],
  needs: ['discovery'],
  coveredBy: { oidf: 'CheckDiscEndpointIssuer (strips a trailing "/"; we compare exactly)' },
  evaluate: ({ discovery }, { target }) => {
    if (!discovery.metadata || !discovery.exchange) return skip('no discovery document to judge')
    const exchanges = [discovery.exchange]
    const actual = discovery.metadata.issuer
    // OIDC Discovery §4.3: "The issuer value returned MUST be identical to the Issuer URL that was
    // used as the prefix to /.well-known/openid-configuration to retrieve the configuration information."
    if (actual === target.issuer) return pass(undefined, { exchanges })
    const hint =
      typeof actual === 'string' && actual.replace(/\/$/, '') === target.issuer.replace(/\/$/, '')
        ? ' (they differ only by a trailing "/": relying parties compare by exact string)'
        : ''
    return fail(`"issuer" is not identical to the issuer${hint}`, { expected: target.issuer, actual, exchanges })
  },
})
