import fc from 'fast-check'
import { expect, it } from 'vitest'
import { coresBusy, serverCpuBudgetMs } from './server-cpu-budget.js'

// The 16-client phase of 2026-12-07 20:50 (docs/performance.md): 684.5 flows/s at 1.19 ms of server
// and 1.03 ms of load-generator CPU per flow, oidc-provider at 333.2 flows/s, target 2.6×.
const measured = { flowsPerSecond: 684.5, serverCpuMsPerFlow: 1.19, clientCpuMsPerFlow: 1.03 }

it('counts the cores the server and the load generator kept busy together', () => {
  expect(coresBusy(measured)).toBeCloseTo(1.52, 2)
})

it('leaves the server what the same busy cores allow at the target, after the load generator', () => {
  // 2.6 × 333.2 = 866.3 flows/s; 1.52 cores / 866.3 = 1.754 ms per flow; minus 1.03 = 0.724 ms.
  expect(serverCpuBudgetMs(measured, 333.2, 2.6)).toBeCloseTo(0.724, 3)
  // A target already met leaves more than the server uses now.
  expect(serverCpuBudgetMs(measured, 333.2, 2.0)).toBeGreaterThan(measured.serverCpuMsPerFlow)
})

it('is the server CPU at which the same busy cores would give exactly the target', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 1, max: 5_000, noNaN: true }),
      fc.double({ min: 0.05, max: 20, noNaN: true }),
      fc.double({ min: 0.05, max: 20, noNaN: true }),
      fc.double({ min: 1, max: 5_000, noNaN: true }),
      fc.double({ min: 0.1, max: 10, noNaN: true }),
      (flowsPerSecond, serverCpuMsPerFlow, clientCpuMsPerFlow, opFlowsPerSecond, ratio) => {
        const phase = { flowsPerSecond, serverCpuMsPerFlow, clientCpuMsPerFlow }
        const budget = serverCpuBudgetMs(phase, opFlowsPerSecond, ratio)
        const flowsAtBudget = (coresBusy(phase) * 1000) / (budget + clientCpuMsPerFlow)
        expect(flowsAtBudget / (ratio * opFlowsPerSecond)).toBeCloseTo(1, 9)
      },
    ),
  )
})
