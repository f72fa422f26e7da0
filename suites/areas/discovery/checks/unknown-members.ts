/** disc.unknown-members — lint: metadata members that no registered specification defines (OIDC Discovery §3, RFC 8414 §2). */
import { editDistance } from '../../../../core/closest-match.js'
import { defineCheck, info, pass, skip } from '../../../harness/check.js'
import { REGISTERED_METADATA } from './registered-metadata.js'

export default defineCheck({
  id: 'disc.unknown-members',
  title: 'Metadata members not in the IANA registry are flagged (typos such as token_endpoint_auth_method_supported)',
  area: 'discovery',
  level: 'MAY',
  spec: ['OIDCD-3', 'RFC8414-2'],
  needs: ['discovery'],
  coveredBy: { oidf: 'CheckForUnexpectedParametersInServerMetadata (WARN)' },
  evaluate: ({ discovery }) => {
    const { metadata } = discovery
    if (!metadata || !discovery.exchange) return skip('no discovery document to judge')
    const exchanges = [discovery.exchange]
    // RFC 8414 §2: "Additional authorization server metadata parameters MAY also be used" — so an
    // unknown member is legal; a near-miss of a registered name is usually a typo clients ignore.
    const unknown = Object.keys(metadata).filter((name) => !REGISTERED_METADATA.has(name))
    if (unknown.length === 0) return pass(undefined, { exchanges })
    const described = unknown.map((name) => {
      const near = [...REGISTERED_METADATA].find((known) => editDistance(name, known) <= 2)
      return near ? `"${name}" (did you mean "${near}"?)` : `"${name}"`
    })
    return info(`metadata members not in the IANA registry: ${described.join(', ')}`, { actual: unknown, exchanges })
  },
})
