/** Small, fixed runs for the report tests: every outcome; a run the suite could not drive. */
import type { CheckResult, Level, RootCause, SuiteRun } from '../run-result.js'

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

export const LOGIN_FAILED = 'the login page came back three times: the credentials were not accepted'
export const SKIP_SECOND_CLIENT = 'the target file has one client; add a second client to run this check'
export const SKIP_LOGOUT = 'the client has no post_logout_redirect_uris; add one to run the logout checks'

export interface IncompleteRunOptions {
  /** false: the checks in error name no root cause and the run has none (as before the engine filled them). */
  namedCauses?: boolean
  artifacts?: RootCause['artifacts']
  robustness?: boolean
}

/**
 * The run of a target whose user has a wrong password: 39 checks passed without signing in, one
 * MUST check warned, 45 skipped (two reasons), 124 could not be judged because the sign-in failed.
 */
export function incompleteRun(options: IncompleteRunOptions = {}): SuiteRun {
  const namedCauses = options.namedCauses ?? true
  const result = (id: string, outcome: CheckResult['outcome'], level: Level = 'MUST'): CheckResult => ({
    id,
    title: `check ${id}`,
    area: id.split('.')[0]!,
    level,
    spec: ['RFC6749-4.1.2'],
    outcome,
    exchanges: [],
    durationMs: 1,
  })
  const n = (count: number, make: (index: number) => CheckResult) => Array.from({ length: count }, (_, i) => make(i))
  const pad = (i: number) => String(i).padStart(3, '0')
  const loginPage = {
    id: 7,
    label: 'login: submit the login form',
    request: {
      method: 'POST',
      url: 'https://op.example/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=alice&password=[REDACTED]',
    },
    response: { status: 200, headers: { 'content-type': 'text/html' }, body: '<form>Wrong password</form>' },
    durationMs: 3,
  }
  const errors = n(124, (i) => ({
    ...result(`code.e${pad(i)}`, 'error', i % 3 === 0 ? 'SHOULD' : 'MUST'),
    message: `could not drive the target: ${LOGIN_FAILED}`,
    ...(namedCauses ? { rootCause: 'gather:happy-flow' } : {}),
  }))
  const rootCauses: RootCause[] = namedCauses
    ? [
        {
          id: 'gather:happy-flow',
          step: 'sign in once for the scenarios',
          message: LOGIN_FAILED,
          attempts: 3,
          exchanges: [loginPage],
          blocked: errors.map((check) => check.id),
          hint: 'check users[0].password in the target file',
          ...(options.artifacts ? { artifacts: options.artifacts } : {}),
        },
      ]
    : []
  return {
    target: { name: 'staging-op', issuer: 'https://op.example' },
    startedAt: '2026-11-25T10:00:00.000Z',
    finishedAt: '2026-11-25T10:00:09.000Z',
    results: [
      // A passed check whose verdict had no message: the key is there, its value undefined.
      ...n(39, (i) => ({ ...result(`disc.p${pad(i)}`, 'passed'), message: undefined })),
      {
        ...result('authz.error-response-shape', 'warning'),
        message: '1 unusual detail the specs allow: unknown scope: "error" "x_custom" is an extension code',
      },
      ...n(30, (i) => ({ ...result(`token.s${pad(i)}`, 'skipped'), message: SKIP_SECOND_CLIENT })),
      ...n(15, (i) => ({ ...result(`logout.s${pad(i)}`, 'skipped'), message: SKIP_LOGOUT })),
      ...errors,
    ],
    rootCauses,
    robustness: options.robustness
      ? [
          {
            step: 'sign in once for the scenarios',
            concurrency: 4,
            message: 'the token endpoint answered HTTP 503 under load',
            exchanges: [],
          },
        ]
      : [],
  }
}
