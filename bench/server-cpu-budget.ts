/**
 * What a throughput target leaves the server: the server CPU per flow at which Codeflow would
 * reach `ratio` × oidc-provider's flows/s, if the machine stayed as busy as in the measured phase
 * (server and load generator together: on 2 shared cores every server in the bench keeps about
 * 1.5 of them busy at 16 clients, and about one at one client, where the flow is serial) and the
 * load generator kept its CPU per flow. Set against the floor server's CPU per flow, it says how
 * much of the mock's own work a target asks to remove (docs/performance.md, "Throughput").
 */
import type { PhaseResult } from './load.js'

export type PhaseCpu = Pick<PhaseResult, 'flowsPerSecond' | 'serverCpuMsPerFlow' | 'clientCpuMsPerFlow'>

/** Cores kept busy by the server and the load generator together during the phase. */
export function coresBusy(phase: PhaseCpu): number {
  return (phase.flowsPerSecond * (phase.serverCpuMsPerFlow + phase.clientCpuMsPerFlow)) / 1000
}

/** The server CPU ms per flow that `ratio` × `opFlowsPerSecond` would allow (negative: not even a free server). */
export function serverCpuBudgetMs(codeflow: PhaseCpu, opFlowsPerSecond: number, ratio: number): number {
  const targetFlowsPerSecond = ratio * opFlowsPerSecond
  return (coresBusy(codeflow) * 1000) / targetFlowsPerSecond - codeflow.clientCpuMsPerFlow
}
