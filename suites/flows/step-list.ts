/**
 * A flow as an editable list of named steps. Each step reads the flow's typed state and returns
 * it extended; the flow runs its steps in order. A scenario is the standard flow with one step
 * replaced, inserted or removed by name, so a reader sees what differs in one line:
 *
 *   codeFlow.replace('redeem', redeemStep({ redirectUri: null }))   // the token request omits redirect_uri
 *
 * Editing returns a new flow; the standard flow is never changed. Naming a step the flow does not
 * have is a typed error that lists the steps it does have.
 */

/** What a step returns to end the flow early: the state so far is the flow's result. */
export class Halted<S> {
  constructor(readonly state: S) {}
}

export interface Step<S, C> {
  readonly name: string
  run(state: S, context: C): Promise<S | Halted<S>>
}

export function step<S, C>(name: string, run: (state: S, context: C) => Promise<S | Halted<S>>): Step<S, C> {
  return { name, run }
}

/** Ends the flow after the current step, with `state` as its result (a later step has nothing to work on). */
export function halt<S>(state: S): Halted<S> {
  return new Halted(state)
}

/** A step name the flow does not have: the flow was edited against a different list of steps. */
export class UnknownStepError extends Error {
  constructor(
    readonly step: string,
    readonly known: readonly string[],
  ) {
    super(`the flow has no step "${step}"; its steps are: ${known.map((name) => `"${name}"`).join(', ')}`)
    this.name = 'UnknownStepError'
  }
}

/** Two steps of one name: editing by name would be ambiguous. */
export class DuplicateStepError extends Error {
  constructor(readonly step: string) {
    super(`the flow already has a step "${step}"; step names must be unique`)
    this.name = 'DuplicateStepError'
  }
}

/** A step ran without what an earlier step should have put in the state (that step was removed or moved). */
export class MissingStateError extends Error {
  constructor(
    readonly step: string,
    readonly field: string,
  ) {
    super(`step "${step}" needs "${field}", which an earlier step of the flow provides`)
    this.name = 'MissingStateError'
  }
}

/** `state[field]`, or a MissingStateError naming the step that needed it. */
export function required<S, K extends keyof S>(state: S, field: K, stepName: string): NonNullable<S[K]> {
  const value = state[field]
  if (value === undefined || value === null) throw new MissingStateError(stepName, String(field))
  return value as NonNullable<S[K]>
}

export class Flow<S, C> {
  readonly steps: readonly Step<S, C>[]

  constructor(steps: readonly Step<S, C>[]) {
    const seen = new Set<string>()
    for (const { name } of steps) {
      if (seen.has(name)) throw new DuplicateStepError(name)
      seen.add(name)
    }
    this.steps = [...steps]
  }

  /** The step names in the order they run. */
  get names(): string[] {
    return this.steps.map(({ name }) => name)
  }

  /** The same flow with the step `name` swapped for `replacement` (which keeps its own name). */
  replace(name: string, replacement: Step<S, C>): Flow<S, C> {
    const at = this.indexOf(name)
    return new Flow([...this.steps.slice(0, at), replacement, ...this.steps.slice(at + 1)])
  }

  /** The same flow with `added` run just before the step `name`. */
  insertBefore(name: string, added: Step<S, C>): Flow<S, C> {
    const at = this.indexOf(name)
    return new Flow([...this.steps.slice(0, at), added, ...this.steps.slice(at)])
  }

  /** The same flow with `added` run just after the step `name`. */
  insertAfter(name: string, added: Step<S, C>): Flow<S, C> {
    const at = this.indexOf(name)
    return new Flow([...this.steps.slice(0, at + 1), added, ...this.steps.slice(at + 1)])
  }

  /** The same flow without the step `name`. */
  remove(name: string): Flow<S, C> {
    const at = this.indexOf(name)
    return new Flow([...this.steps.slice(0, at), ...this.steps.slice(at + 1)])
  }

  /** The flow's steps up to and including `name`: the rest are left out. */
  through(name: string): Flow<S, C> {
    return new Flow(this.steps.slice(0, this.indexOf(name) + 1))
  }

  /** Runs the steps in order from `initial`; a step that halts ends the flow with its state. */
  async run(context: C, initial: S): Promise<S> {
    let state = initial
    for (const current of this.steps) {
      const next = await current.run(state, context)
      if (next instanceof Halted) return next.state
      state = next
    }
    return state
  }

  private indexOf(name: string): number {
    const at = this.steps.findIndex((candidate) => candidate.name === name)
    if (at < 0) throw new UnknownStepError(name, this.names)
    return at
  }
}

export function flow<S, C>(steps: readonly Step<S, C>[]): Flow<S, C> {
  return new Flow(steps)
}
