/**
 * disc.metadata-vs-behaviour — what the metadata advertises works, and a value it does not
 * advertise is refused (RFC 8414 §2, OIDC Discovery §3). Judged on evidence other checks gather
 * anyway (the happy flow, the prompt=none error redirect) plus one non-advertised value.
 */

import type { Exchange } from '../../../../reports/run-result.js'
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'

interface Observation {
  advertised: string
  observed: string
  consistent: boolean
}

export default defineCheck({
  id: 'disc.metadata-vs-behaviour',
  title: 'Advertised metadata values work and a non-advertised value is refused',
  area: 'discovery',
  level: 'SHOULD',
  spec: ['RFC8414-2', 'OIDCD-3', 'RFC9207-3'],
  needs: ['discovery', 'happyFlow', 'issErrorRedirect', 'discoveryNonAdvertised'],
  evaluate: ({ discovery, happyFlow, issErrorRedirect, discoveryNonAdvertised }) => {
    const { metadata } = discovery
    if (!metadata || !discovery.exchange) return skip('no discovery document to judge')
    const happy = happyFlow.attempt.result
    if (happy.kind !== 'callback') return skip('the happy flow did not come back to the client')
    const exchanges: Exchange[] = [discovery.exchange, ...happy.exchanges, happyFlow.token.exchange]
    const observations: Observation[] = []
    const list = (name: string, fallback?: string[]) => {
      const value = metadata[name] ?? fallback
      return Array.isArray(value) ? (value as unknown[]) : undefined
    }
    const note = (advertised: string, observed: string, consistent: boolean) =>
      observations.push({ advertised, observed, consistent })

    // The happy flow: response_type=code, the authorization_code grant, S256, the query response
    // mode and the primary client's authentication method all worked. Each should be advertised.
    const responseTypes = list('response_types_supported')
    if (responseTypes) note('response_types_supported', `"code" worked`, responseTypes.includes('code'))
    const grants = list('grant_types_supported', ['authorization_code', 'implicit'])
    if (grants) note('grant_types_supported', '"authorization_code" worked', grants.includes('authorization_code'))
    const method = happyFlow.attempt.request.client.token_endpoint_auth_method
    const authMethods = list('token_endpoint_auth_methods_supported', ['client_secret_basic'])
    if (authMethods) note('token_endpoint_auth_methods_supported', `"${method}" worked`, authMethods.includes(method))
    const pkce = list('code_challenge_methods_supported')
    if (pkce && happyFlow.attempt.request.codeVerifier)
      note('code_challenge_methods_supported', '"S256" worked', pkce.includes('S256'))
    const modes = list('response_modes_supported', ['query', 'fragment'])
    if (modes) note('response_modes_supported', `"${happy.mode}" was used`, modes.includes(happy.mode))

    // RFC 9207 §3: authorization_response_iss_parameter_supported says "whether the authorization
    // server provides the iss parameter in the authorization response".
    const issFlag = metadata.authorization_response_iss_parameter_supported === true
    if (issFlag)
      note(
        'authorization_response_iss_parameter_supported: true',
        happy.params.iss === undefined ? 'no "iss" in the success response' : '"iss" in the success response',
        happy.params.iss !== undefined,
      )

    // prompt=none advertised: without a session it must answer with an error redirect, no UI.
    const prompts = list('prompt_values_supported')
    const silent = issErrorRedirect.result
    exchanges.push(...silent.exchanges)
    if (prompts?.includes('none')) {
      const ok = silent.kind === 'callback' && silent.params.error !== undefined && !silent.sawLogin
      note(
        'prompt_values_supported: "none"',
        ok
          ? `error redirect (${silent.kind === 'callback' ? silent.params.error : ''})`
          : silent.kind === 'page'
            ? `a page (HTTP ${silent.status})`
            : silent.sawLogin
              ? 'a login page was shown'
              : 'no error',
        ok,
      )
    }

    // One value that is not advertised must be refused: no code (or token) comes back.
    let triedNote: string | undefined
    const { tried, attempt } = discoveryNonAdvertised
    if (tried && attempt) {
      exchanges.push(...attempt.result.exchanges)
      const result = attempt.result
      const accepted =
        result.kind === 'callback' && (result.params.code !== undefined || result.params.access_token !== undefined)
      note(
        `${tried.list} without "${tried.value}"`,
        accepted ? `${tried.parameter}=${tried.value} was accepted` : `${tried.parameter}=${tried.value} was refused`,
        !accepted,
      )
    } else triedNote = discoveryNonAdvertised.reason

    const inconsistent = observations.filter((observation) => !observation.consistent)
    if (inconsistent.length > 0)
      return fail(
        `metadata and behaviour disagree: ${inconsistent.map((o) => `${o.advertised} — ${o.observed}`).join('; ')}`,
        { actual: observations, exchanges },
      )
    return pass(triedNote ? `no non-advertised value tried: ${triedNote}` : undefined, {
      actual: observations,
      exchanges,
    })
  },
})
