/** A small, fixed run covering every outcome, for the report tests. */
import type { SuiteRun } from '../../suites/harness/run-suite.js'

export const SECRET = 'sup3r-s3cret-value'

export function fixtureRun(): SuiteRun {
  const exchange = {
    id: 1,
    label: 'token: redeem the code a second time',
    request: {
      method: 'POST',
      url: 'https://op.example/token',
      headers: { authorization: 'Basic [REDACTED]', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=authorization_code&code=[REDACTED]',
    },
    response: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"access_token":"[REDACTED]"}' },
    durationMs: 12.4,
  }
  return {
    target: { name: 'example-op', issuer: 'https://op.example' },
    startedAt: '2026-11-25T10:00:00.000Z',
    finishedAt: '2026-11-25T10:00:05.000Z',
    results: [
      {
        id: 'disc.issuer-exact',
        title: 'Issuer is exact',
        area: 'discovery',
        level: 'MUST',
        spec: ['OIDCD-4.3'],
        outcome: 'passed',
        exchanges: [],
        durationMs: 1,
      },
      {
        id: 'code.single-use-immediate',
        title: 'A code can be redeemed only once',
        area: 'code',
        level: 'MUST',
        spec: ['RFC6749-4.1.2', 'RFC6749-10.5'],
        outcome: 'failed',
        message: `the second redemption returned tokens <script>alert(1)</script> (secret ${SECRET})`,
        expected: 400,
        actual: 200,
        exchanges: [exchange],
        durationMs: 30,
      },
      {
        id: 'code.reuse-revokes-access-token',
        title: 'A replayed code revokes its access token',
        area: 'code',
        level: 'SHOULD',
        spec: ['RFC6749-4.1.2'],
        outcome: 'warning',
        message: 'the access token still works after the replay',
        exchanges: [],
        durationMs: 10,
      },
      {
        id: 'rt.refresh-works',
        title: 'Refresh works',
        area: 'refresh',
        level: 'MUST',
        spec: ['RFC6749-6'],
        outcome: 'skipped',
        message: 'no refresh token was issued',
        exchanges: [],
        durationMs: 0,
      },
      {
        id: 'ui.get-header',
        title: 'UserInfo GET',
        area: 'userinfo',
        level: 'MUST',
        spec: ['OIDCC-5.3.1'],
        outcome: 'error',
        message: 'could not drive the target: login page not understood',
        exchanges: [],
        durationMs: 5,
      },
      {
        id: 'authz.invalid-scope',
        title: 'Invalid scope',
        area: 'authorization',
        level: 'MAY',
        spec: ['RFC6749-3.3'],
        outcome: 'passed',
        informational: true,
        message: 'unknown scope ignored',
        exchanges: [],
        durationMs: 2,
      },
    ],
    rootCauses: [],
    robustness: [],
  }
}
