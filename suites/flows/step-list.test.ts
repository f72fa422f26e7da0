/**
 * The step-list model: steps run in order over one state, a scenario edits the list by name
 * without touching the standard flow, and a name the flow lacks is a typed error.
 */
import { expect, it } from 'vitest'
import {
  DuplicateStepError,
  flow,
  halt,
  MissingStateError,
  required,
  type Step,
  step,
  UnknownStepError,
} from './step-list.js'

interface Trace {
  ran: string[]
  value?: number
}

/** A step that records its name and adds `by` to the value. */
const add = (name: string, by: number): Step<Trace, { factor: number }> =>
  step(name, async (state, context) => ({
    ran: [...state.ran, name],
    value: (state.value ?? 0) + by * context.factor,
  }))

const standard = flow([add('first', 1), add('second', 10), add('third', 100)])
const context = { factor: 1 }

it('runs the steps in order, each reading the state the previous one returned', async () => {
  expect(await standard.run({ factor: 2 }, { ran: [] })).toEqual({ ran: ['first', 'second', 'third'], value: 222 })
})

it('lists its step names in order', () => {
  expect(standard.names).toEqual(['first', 'second', 'third'])
})

it('replaces a step by name, in its place, and leaves the standard flow as it was', async () => {
  const scenario = standard.replace('second', add('second-doubled', 20))
  expect(scenario.names).toEqual(['first', 'second-doubled', 'third'])
  expect((await scenario.run(context, { ran: [] })).value).toBe(121)
  expect(standard.names).toEqual(['first', 'second', 'third'])
})

it('inserts a step before or after a named step', () => {
  expect(standard.insertBefore('second', add('extra', 0)).names).toEqual(['first', 'extra', 'second', 'third'])
  expect(standard.insertAfter('second', add('extra', 0)).names).toEqual(['first', 'second', 'extra', 'third'])
  expect(standard.insertAfter('third', add('extra', 0)).names).toEqual(['first', 'second', 'third', 'extra'])
})

it('removes a step by name, and the others still run', async () => {
  const scenario = standard.remove('first')
  expect(scenario.names).toEqual(['second', 'third'])
  expect(await scenario.run(context, { ran: [] })).toEqual({ ran: ['second', 'third'], value: 110 })
})

it('keeps the steps up to and including a named one', () => {
  expect(standard.through('second').names).toEqual(['first', 'second'])
})

it('rejects an unknown step name with a typed error naming the known steps', () => {
  for (const edit of [
    () => standard.replace('redeem', add('x', 0)),
    () => standard.insertBefore('redeem', add('x', 0)),
    () => standard.insertAfter('redeem', add('x', 0)),
    () => standard.remove('redeem'),
    () => standard.through('redeem'),
  ]) {
    const error = catchError(edit)
    expect(error).toBeInstanceOf(UnknownStepError)
    expect(error).toMatchObject({ step: 'redeem', known: ['first', 'second', 'third'] })
    expect((error as Error).message).toBe('the flow has no step "redeem"; its steps are: "first", "second", "third"')
  }
})

it('rejects a flow or an edit that would have two steps of one name', () => {
  expect(catchError(() => flow([add('first', 1), add('first', 2)]))).toBeInstanceOf(DuplicateStepError)
  expect(catchError(() => standard.insertAfter('first', add('third', 0)))).toMatchObject({
    name: 'DuplicateStepError',
    step: 'third',
  })
})

it('ends the flow at a step that halts, with the state that step gave', async () => {
  const stopping = standard.insertAfter(
    'first',
    step('stop', async (state) => halt({ ...state, ran: [...state.ran, 'stop'] })),
  )
  expect(await stopping.run(context, { ran: [] })).toEqual({ ran: ['first', 'stop'], value: 1 })
})

it('says which step needed state that no earlier step provided', () => {
  const error = catchError(() => required<Trace, 'value'>({ ran: [] }, 'value', 'second'))
  expect(error).toBeInstanceOf(MissingStateError)
  expect((error as Error).message).toBe('step "second" needs "value", which an earlier step of the flow provides')
  expect(required({ ran: [], value: 0 }, 'value', 'second')).toBe(0)
})

function catchError(action: () => unknown): unknown {
  try {
    action()
  } catch (error) {
    return error
  }
  throw new Error('expected an error')
}
