/**
 * Machine-wide CPU time (all cores, all processes), to tell how much of the machine other work
 * took during a phase: on a shared 2-core box a test run elsewhere skews a throughput figure.
 */
import { cpus } from 'node:os'

/** Busy (non-idle) CPU milliseconds summed over all cores since boot. */
export function machineBusyMs(): number {
  let busy = 0
  for (const cpu of cpus()) busy += cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq
  return busy
}
