/** disc.required-members — the REQUIRED provider metadata members are present and correctly typed (OIDC Discovery §3). */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'

const SUBJECT_TYPES = ['public', 'pairwise']

export default defineCheck({
  id: 'disc.required-members',
  title: 'The REQUIRED metadata members are present and correctly typed',
  area: 'discovery',
  level: 'MUST',
  spec: ['OIDCD-3'],
  needs: ['discovery'],
  coveredBy: {
    oidf: 'CheckServerConfiguration, ValidateServerMetadataAgainstSchema, CheckDiscEndpointSubjectTypesSupported',
  },
  evaluate: ({ discovery }) => {
    const { metadata } = discovery
    if (!metadata || !discovery.exchange) return skip('no discovery document to judge')
    const exchanges = [discovery.exchange]
    const problems: string[] = []
    // OIDC Discovery §3 marks these REQUIRED (token_endpoint: "REQUIRED unless only the Implicit
    // Flow is used" — this suite judges a code-flow OP).
    for (const name of ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri']) {
      if (metadata[name] === undefined) problems.push(`"${name}" is missing`)
      else if (typeof metadata[name] !== 'string' || !isUrl(metadata[name]))
        problems.push(`"${name}" is not a URL string`)
    }
    for (const name of [
      'response_types_supported',
      'subject_types_supported',
      'id_token_signing_alg_values_supported',
    ]) {
      const value = metadata[name]
      if (value === undefined) problems.push(`"${name}" is missing`)
      else if (!isStringArray(value)) problems.push(`"${name}" is not a JSON array of strings`)
      else if (value.length === 0) problems.push(`"${name}" is empty`)
    }
    // §3 subject_types_supported: "Valid types include pairwise and public."
    const subjectTypes = metadata.subject_types_supported
    if (isStringArray(subjectTypes)) {
      const unknown = subjectTypes.filter((type) => !SUBJECT_TYPES.includes(type))
      if (unknown.length > 0) problems.push(`"subject_types_supported" has unknown values ${JSON.stringify(unknown)}`)
    }
    if (problems.length > 0)
      return fail(`required metadata: ${problems.join('; ')}`, {
        expected:
          'issuer, authorization_endpoint, token_endpoint, jwks_uri (URLs); response_types_supported, subject_types_supported, id_token_signing_alg_values_supported (non-empty string arrays)',
        actual: problems,
        exchanges,
      })
    return pass(undefined, { exchanges })
  },
})

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}

function isUrl(value: unknown): boolean {
  try {
    new URL(String(value))
    return true
  } catch {
    return false
  }
}
