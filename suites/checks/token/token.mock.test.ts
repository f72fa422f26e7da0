import { afterAll, beforeAll, expect, it } from 'vitest'
import type { MockIdpConfigInput } from '../../../mock-idp/index.js'
import { createMockIdp, type MockIdp } from '../../../mock-idp/index.js'
import { checks, gatherers, selectChecks } from '../../catalog.js'
import type { CheckResult } from '../../harness/outcome.js'
import { runSuite } from '../../harness/run-suite.js'
import { parseTargetFile } from '../../harness/target.js'

let idp: MockIdp

beforeAll(async () => {
  idp = await createMockIdp({ log: { level: 'silent' } })
})

afterAll(async () => {
  await idp?.close()
})

function offending(results: CheckResult[]): string {
  return JSON.stringify(
    results
      .filter((result) => ['failed', 'warning', 'error'].includes(result.outcome))
      .map(({ id, outcome, message, expected, actual }) => ({ id, outcome, message, expected, actual })),
    null,
    2,
  )
}

async function runAgainst(config: MockIdpConfigInput, only: string[]) {
  const custom = await createMockIdp({ log: { level: 'silent' }, ...config })
  try {
    return await runSuite({
      target: parseTargetFile(custom.targetFile()),
      checks: selectChecks(checks, only),
      gatherers,
    })
  } finally {
    await custom.close()
  }
}

it('passes every applicable token check against the default mock IdP', async () => {
  const run = await runSuite({
    target: parseTargetFile(idp.targetFile()),
    checks: selectChecks(checks, ['token']),
    gatherers,
  })
  const bad = run.results.filter((result) => ['failed', 'warning', 'error'].includes(result.outcome))
  expect(bad, offending(run.results)).toEqual([])
  const skipped = run.results.filter((result) => result.outcome === 'skipped').map((result) => result.id)
  // The mock's dev secrets have no characters that change under form-urlencoding.
  expect(skipped).toEqual(['token.auth-basic-urlencoded'])
}, 60_000)

it('catches a token endpoint that reads a JSON body and issues hour-plus access tokens', async () => {
  const run = await runAgainst({ errata: { acceptJsonContentType: true }, tokens: { accessTokenTtl: 7200 } }, [
    'token.form-encoding',
    'token.at-lifetime',
  ])
  const outcome = (id: string) => run.results.find((result) => result.id === id)?.outcome
  expect(outcome('token.form-encoding'), offending(run.results)).toBe('failed')
  expect(outcome('token.at-lifetime'), offending(run.results)).toBe('warning')
}, 60_000)

it('judges Basic form-urlencoding with a client whose secret has reserved characters', async () => {
  const run = await runAgainst(
    {
      clients: [
        {
          client_id: 'codeflow-reserved',
          client_secret: 's3cr3t:+/ %=',
          token_endpoint_auth_method: 'client_secret_basic',
          redirect_uris: ['https://client.example.org/cb'],
        },
      ],
    },
    ['token.auth-basic-urlencoded'],
  )
  expect(
    run.results.map((result) => [result.id, result.outcome]),
    offending(run.results),
  ).toEqual([['token.auth-basic-urlencoded', 'passed']])
  expect(run.results[0]!.exchanges).toHaveLength(2)
}, 60_000)
