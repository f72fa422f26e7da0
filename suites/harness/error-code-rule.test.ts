import { expect, it } from 'vitest'
import { codeProblem, describeErrorCodeRule, exactly, judgeCode, preferably } from './error-code-rule.js'

const source = { spec: 'RFC6749-5.2', quote: 'invalid_grant: The provided authorization grant … is invalid' }

it('fails another code where the spec names exactly one, quoting the sentence', () => {
  const rule = exactly('a code redeemed twice', 'invalid_grant', source)
  expect(judgeCode('invalid_grant', rule)).toBe('pass')
  expect(codeProblem('invalid_request', rule, 'a replayed code')).toEqual({
    kind: 'fail',
    message: expect.stringMatching(/RFC 6749 §5\.2 names "invalid_grant" for this case.*"invalid_grant: The provided/),
  })
})

it('warns on a defensible alternative of an exact rule and fails on anything else', () => {
  const rule = exactly('grant_type missing', 'invalid_request', source, ['unsupported_grant_type'])
  expect(judgeCode('unsupported_grant_type', rule)).toBe('warn')
  expect(judgeCode('invalid_grant', rule)).toBe('fail')
})

it('only warns on another code where the specs leave the case open', () => {
  const rule = preferably('no client at all', ['invalid_client', 'invalid_request'], source)
  expect(judgeCode('invalid_request', rule)).toBe('pass')
  expect(codeProblem('invalid_grant', rule, 'x')).toMatchObject({
    kind: 'warn',
    message: expect.stringContaining('leave this case open'),
  })
})

it('describes a rule in one line for suites/README.md', () => {
  expect(describeErrorCodeRule(exactly('a reused code', 'invalid_grant', source, ['invalid_request']))).toBe(
    'a reused code: `invalid_grant`, `invalid_request` warns, another code **fails**',
  )
})
