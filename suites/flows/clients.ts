/** Picking the right registered client for a scenario; a missing one makes the scenario unavailable. */
import { EvidenceUnavailable } from '../harness/evidence.js'
import type { TargetClient, TargetFile } from '../harness/target.js'

export function isConfidential(client: TargetClient): boolean {
  return client.token_endpoint_auth_method !== 'none' && client.client_secret !== undefined
}

/** The client most flows use: the first confidential client, else the first client. */
export function primaryClient(target: TargetFile): TargetClient {
  return target.clients.find(isConfidential) ?? target.clients[0]!
}

export function publicClient(target: TargetFile): TargetClient {
  const client = target.clients.find((candidate) => candidate.token_endpoint_auth_method === 'none')
  if (!client) throw new EvidenceUnavailable('the target file has no public client (token_endpoint_auth_method "none")')
  return client
}

/** A second confidential client, different from `first` (for binding checks). */
export function otherConfidentialClient(target: TargetFile, first: TargetClient): TargetClient {
  const client = target.clients.find(
    (candidate) => isConfidential(candidate) && candidate.client_id !== first.client_id,
  )
  if (!client)
    throw new EvidenceUnavailable('the target file has only one confidential client; binding checks need a second one')
  return client
}

export function scopeIncludes(client: TargetClient, scope: string): boolean {
  return client.scope.split(' ').includes(scope)
}
