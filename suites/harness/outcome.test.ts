import { expect, it } from 'vitest'
import type { Exchange } from '../../reports/run-result.js'
import { defineCheck, fail } from './check.js'
import { CHECK_RESULT_EXCHANGES, resultFromVerdict } from './outcome.js'

const check = defineCheck({
  id: 'token.error-format',
  title: 'Error responses are JSON with "error"',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-5.2'],
  needs: [],
  evaluate: () => fail('unused'),
})

it('keeps at most CHECK_RESULT_EXCHANGES exchanges of a verdict as evidence, the first the check gave', () => {
  const exchanges: Exchange[] = Array.from({ length: 40 }, (_, index) => ({
    id: index + 1,
    label: `probe ${index + 1}`,
    request: { method: 'POST', url: 'https://op.example/token', headers: {} },
    response: { status: 400, headers: {}, body: '{}' },
    durationMs: 1,
  }))
  const result = resultFromVerdict(check, fail('"error" is missing', { exchanges }), 1)
  expect(result.exchanges.map((exchange) => exchange.id)).toEqual(
    Array.from({ length: CHECK_RESULT_EXCHANGES }, (_, index) => index + 1),
  )
})
