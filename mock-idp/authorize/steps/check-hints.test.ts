import { describe, expect, it } from 'vitest'
import { stepInput } from '../../../test/support/authorize-input.js'
import { checkHints } from './check-hints.js'

describe('check-hints', () => {
  it('keeps login_hint, ui_locales and id_token_hint', () => {
    const draft = checkHints(stepInput({ login_hint: 'alice', ui_locales: 'en-GB fr', id_token_hint: 'a.b.c' }), {})
    expect(draft).toEqual({ loginHint: 'alice', uiLocales: 'en-GB fr', idTokenHint: 'a.b.c' })
  })

  it('adds nothing when no hint is sent', () => {
    expect(checkHints(stepInput({}), {})).toEqual({})
  })
})
