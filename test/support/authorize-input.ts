/**
 * Inputs for unit tests of the authorization pipeline's steps (mock-idp/authorize/steps): parsed
 * parameters and a validated config, with no server.
 *
 *   stepInput(query, config?) → StepInput   (query: a query string or a record of parameters)
 *   withClient(input, clientId) → Draft      (the draft after check-client)
 */
import type { Draft, StepInput } from '../../mock-idp/authorize/step.js'
import { ActiveBehaviours } from '../../mock-idp/behaviours/active-behaviours.js'
import { behaviourCatalog } from '../../mock-idp/behaviours/catalog.js'
import { parseConfig } from '../../mock-idp/config/load.js'
import type { MockIdpConfigInput } from '../../mock-idp/config/schema.js'
import { Params } from '../../mock-idp/http/params.js'

export function stepInput(query: string | Record<string, string>, config: MockIdpConfigInput = {}): StepInput {
  const parsed = parseConfig(config)
  return {
    params: new Params(new URLSearchParams(query), parsed.limits.maxParameterLength),
    config: parsed,
    clients: new Map(parsed.clients.map((client) => [client.client_id, client])),
    behaviours: new ActiveBehaviours(behaviourCatalog, parsed.behaviours),
  }
}

export function withClient(input: StepInput, clientId: string): Draft {
  const client = input.clients.get(clientId)
  if (!client) throw new Error(`no client "${clientId}" in the test config`)
  return { client, clientId }
}
