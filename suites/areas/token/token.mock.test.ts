import { expect, it } from 'vitest'
import { runChecks, useMockIdp, withMockIdp } from '../../../test/support/against-mock.js'

const idp = useMockIdp()

it('passes every applicable token check against the default mock IdP', async () => {
  const run = await runChecks(idp(), ['token'])
  expect(run.offending).toEqual([])
  // codeflow-tenant's secret changes under form-urlencoding, so token.auth-basic-urlencoded runs too.
  expect(run.skipped).toEqual([])
}, 60_000)

it('catches a token endpoint that reads a JSON body and issues hour-plus access tokens', async () => {
  const run = await withMockIdp(
    { errata: { acceptJsonContentType: true }, tokens: { accessTokenTtl: 7200 } },
    (custom) => runChecks(custom, ['token.form-encoding', 'token.at-lifetime']),
  )
  expect(run.outcome('token.form-encoding'), run.report).toBe('failed')
  expect(run.outcome('token.at-lifetime'), run.report).toBe('warning')
}, 60_000)

it('judges Basic form-urlencoding with a client whose secret has reserved characters', async () => {
  const run = await withMockIdp(
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
    (custom) => runChecks(custom, ['token.auth-basic-urlencoded']),
  )
  expect(
    run.results.map((result) => [result.id, result.outcome]),
    run.report,
  ).toEqual([['token.auth-basic-urlencoded', 'passed']])
  expect(run.results[0]!.exchanges).toHaveLength(2)
}, 60_000)

it('fails token.auth-basic when HTTP Basic is refused, although the happy flow then cannot be driven', async () => {
  const run = await withMockIdp({ behaviours: ['client-secret-basic-refused'] }, (custom) =>
    runChecks(custom, ['token.auth-basic']),
  )
  expect(run.outcome('token.auth-basic'), run.report).toBe('failed')
}, 60_000)
