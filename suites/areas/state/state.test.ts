import { describe, expect, it } from 'vitest'
import type { AnyCheck } from '../../harness/check.js'
import { callback, flow, page, target } from '../../test-support/authorization-evidence.js'
import absent from './checks/absent.js'
import echoed from './checks/echoed.js'
import echoedOnError from './checks/echoed-on-error.js'
import long from './checks/long.js'
import reflectionEscaped from './checks/reflection-escaped.js'
import { REFLECTION_MARKER, REFLECTION_STATE } from './checks/reflection-payload.js'
import specialChars from './checks/special-chars.js'

const kind = (check: AnyCheck, evidence: Record<string, unknown>) => check.evaluate(evidence as never, { target }).kind

describe('state checks', () => {
  it('wants the 128-character state back byte for byte', () => {
    const state = 'a'.repeat(128)
    expect(kind(echoed, { stateEchoed: flow(callback({ code: 'c', state }), { state }) })).toBe('pass')
    expect(kind(echoed, { stateEchoed: flow(callback({ code: 'c', state: state.slice(1) }), { state }) })).toBe('fail')
    expect(kind(echoed, { stateEchoed: flow(callback({ code: 'c' }), { state }) })).toBe('fail')
  })

  it('wants the state on every error redirect, accepting the Request Object state as an alternative', () => {
    const redirect = (state: string | undefined, alternativeState?: string) => ({
      scenario: 's',
      sentState: 'sent',
      ...(alternativeState ? { alternativeState } : {}),
      params: { error: 'invalid_request', ...(state === undefined ? {} : { state }) },
      exchanges: [],
    })
    const evidence = (...redirects: unknown[]) => ({
      authzErrorRedirects: { redirects, scenarios: 2, issuer: 'x', issAdvertised: false },
    })
    expect(kind(echoedOnError, evidence(redirect('sent'), redirect('obj', 'obj')))).toBe('pass')
    expect(kind(echoedOnError, evidence(redirect(undefined)))).toBe('fail')
    expect(kind(echoedOnError, evidence())).toBe('skip')
  })

  it('accepts a long state intact or a clean invalid_request, and fails a truncated one', () => {
    const state = 's'.repeat(512)
    const scenario = (result: ReturnType<typeof page>) => ({
      stateLong: [{ length: 512, flow: flow(result, { state }) }],
    })
    expect(kind(long, scenario(callback({ code: 'c', state })))).toBe('pass')
    expect(kind(long, scenario(callback({ error: 'invalid_request' })))).toBe('pass')
    expect(kind(long, scenario(page(414)))).toBe('pass')
    expect(kind(long, scenario(callback({ code: 'c', state: state.slice(0, 255) })))).toBe('fail')
    expect(kind(long, scenario(page(500)))).toBe('fail')
  })

  it('wants reserved and non-ASCII characters in state to round-trip', () => {
    const state = 'cf+/=%&; é-x'
    expect(kind(specialChars, { stateSpecialChars: flow(callback({ code: 'c', state }), { state }) })).toBe('pass')
    expect(kind(specialChars, { stateSpecialChars: flow(callback({ code: 'c', state: 'cf /=%' }), { state }) })).toBe(
      'fail',
    )
  })

  it('invents no state and no s_hash when none was sent', () => {
    expect(kind(absent, { stateAbsent: flow(callback({ code: 'c' }), {}) })).toBe('pass')
    expect(kind(absent, { stateAbsent: flow(callback({ code: 'c', state: 'x' }), {}) })).toBe('fail')
    expect(
      kind(absent, {
        stateAbsent: flow(callback({ code: 'c' }), {}, { idToken: { claims: { s_hash: 'h' } } as never }),
      }),
    ).toBe('fail')
  })

  it('fails an error page that reflects the state unescaped', () => {
    const escaped = REFLECTION_STATE.replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')
    expect(kind(reflectionEscaped, { authzClientIdUnknown: flow(page(400, `<p>${escaped}</p>`)) })).toBe('pass')
    expect(kind(reflectionEscaped, { authzClientIdUnknown: flow(page(400, `<p>${REFLECTION_STATE}</p>`)) })).toBe(
      'fail',
    )
    expect(REFLECTION_STATE).toContain(REFLECTION_MARKER)
    expect(kind(reflectionEscaped, { authzClientIdUnknown: flow(callback({ code: 'c' })) })).toBe('skip')
  })
})
