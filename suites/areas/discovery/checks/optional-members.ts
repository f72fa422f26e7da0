/**
 * disc.optional-members — the RECOMMENDED members are published, booleans are booleans,
 * `*_supported` lists are string arrays and locales are BCP 47 tags (OIDC Discovery §3).
 */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { BOOLEAN_METADATA } from './registered-metadata.js'
import { isStringArray } from './required-members.js'

/** RFC 5646 language tag, simplified: a primary subtag and hyphen-separated subtags. */
const LANGUAGE_TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/

export default defineCheck({
  id: 'disc.optional-members',
  title: 'RECOMMENDED metadata members are published and optional members are correctly typed',
  area: 'discovery',
  level: 'SHOULD',
  spec: ['OIDCD-3'],
  needs: ['discovery'],
  coveredBy: {
    oidf: 'CheckDiscEndpointUserinfoEndpoint, OIDCCCheckDiscEndpointClaimsSupported, CheckDiscEndpointRequestParameterSupported, CheckDiscEndpointLocalesSyntax, CheckDiscEndpointLocalesCanonicalCasing',
  },
  evaluate: ({ discovery }) => {
    const { metadata } = discovery
    if (!metadata || !discovery.exchange) return skip('no discovery document to judge')
    const exchanges = [discovery.exchange]
    const problems: string[] = []
    // OIDC Discovery §3 marks userinfo_endpoint, scopes_supported and claims_supported RECOMMENDED.
    for (const name of ['userinfo_endpoint', 'scopes_supported', 'claims_supported'])
      if (metadata[name] === undefined) problems.push(`RECOMMENDED "${name}" is not published`)
    for (const name of BOOLEAN_METADATA)
      if (metadata[name] !== undefined && typeof metadata[name] !== 'boolean')
        problems.push(`"${name}" is ${JSON.stringify(metadata[name])}, not a JSON boolean`)
    for (const [name, value] of Object.entries(metadata)) {
      if (!name.endsWith('_supported') || BOOLEAN_METADATA.includes(name)) continue
      if (!isStringArray(value)) problems.push(`"${name}" is not a JSON array of strings`)
    }
    for (const name of ['ui_locales_supported', 'claims_locales_supported']) {
      const value = metadata[name]
      if (!isStringArray(value)) continue
      const bad = value.filter((tag) => !LANGUAGE_TAG.test(tag))
      if (bad.length > 0)
        problems.push(`"${name}" has values that are not BCP 47 language tags: ${JSON.stringify(bad)}`)
    }
    // registration_endpoint is RECOMMENDED too, but only a server offering dynamic registration
    // can publish one: its absence is noted, not warned.
    const note =
      metadata.registration_endpoint === undefined
        ? 'no "registration_endpoint" (no dynamic client registration)'
        : undefined
    if (problems.length > 0) return fail(problems.join('; '), { actual: problems, exchanges })
    return pass(note, { exchanges })
  },
})
