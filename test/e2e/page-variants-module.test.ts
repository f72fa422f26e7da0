/**
 * The module driver, with a login module written for a JavaScript login app over a JSON API
 * (test/support/mock-json-api-login.ts; the mock's `pages.loginApp: "json-api"`), against the
 * page and server variants that app meets (page-variants.ts): no `error` outcome, the verdicts of
 * the plain JSON-API mock — which are the form driver's verdicts against the plain mock, apart
 * from the two checks a module cannot take part in.
 */
import { expect, it } from 'vitest'
import type { MockIdpConfigInput, RecordedExchange } from '../../mock-idp/index.js'
import type { Outcome } from '../../reports/run-result.js'
import {
  interstitialPosted,
  type PageVariant,
  provePageVariants,
  refreshFollowed,
  runAgainstMock,
  verdictChanges,
  verdictsOf,
} from './page-variants.js'

const JSON_API: MockIdpConfigInput = { pages: { loginApp: 'json-api' } }
const moduleLogin = () => ({ driver: 'module', module: 'mock-json-api-login.ts' })

const loginApiAnswered = {
  by: 'the login API answered 200',
  test: (requests: RecordedExchange[]) => requests.some((r) => r.endpoint === 'loginApi' && r.status === 200),
}

const VARIANTS: PageVariant[] = [
  { name: 'two steps in the app', config: { pages: { loginSteps: 'two' } }, met: loginApiAnswered },
  { name: 'interstitial Continue button', config: { pages: { interstitial: 'continue' } }, met: interstitialPosted },
  { name: 'interstitial meta refresh', config: { pages: { interstitial: 'meta-refresh' } }, met: refreshFollowed },
  {
    name: 'interstitial that submits itself',
    config: { pages: { interstitial: 'auto-submit' } },
    met: loginApiAnswered,
  },
  {
    name: 'login app at the authorization URL',
    config: { pages: { sameUrl: true } },
    met: {
      by: 'the authorization request answered 200 with the login app',
      test: (requests) =>
        requests.some((r) => r.endpoint === 'authorization' && r.method === 'GET' && r.status === 200),
    },
  },
  {
    name: 'error pages answered 403',
    config: { pages: { errorPageStatus: 403 } },
    met: {
      by: 'an authorization request answered with a 403 error page',
      test: (requests) => requests.some((r) => r.endpoint === 'authorization' && r.status === 403),
    },
  },
  {
    name: 'consent asked at every authorization',
    config: { pages: { rememberConsent: false } },
    met: loginApiAnswered,
  },
  {
    name: 'a server that answers 500 "database is locked" to overlapping requests',
    config: { server: { overlap: 'fail' } },
    met: { by: 'a request refused with 500', test: (requests) => requests.some((r) => r.status === 500) },
    failsUnderLoad: true,
  },
  {
    name: 'two steps at the authorization URL, Continue interstitial, consent every time, 403 error pages',
    config: {
      pages: {
        loginSteps: 'two',
        sameUrl: true,
        interstitial: 'continue',
        rememberConsent: false,
        errorPageStatus: 403,
      },
    },
    met: loginApiAnswered,
  },
]

provePageVariants({ driver: 'module', base: JSON_API, login: moduleLogin, variants: VARIANTS })

/** What the module driver cannot do, by the driver contract (docs/login-drivers.md). */
const MODULE_DIFFERENCES: Record<string, { outcome: Outcome; because: string }> = {
  'authz.access-denied': {
    outcome: 'skipped',
    because: 'a login module only signs in: the suite has no way to make it cancel or deny',
  },
  'sess.prompt-consent': {
    outcome: 'skipped',
    because: 'a login module does not say whether it met a consent page, so prompt=consent cannot be judged',
  },
}

it("gives the form driver's verdicts against the plain mock, apart from the checks a module cannot take part in", {
  timeout: 180_000,
}, async () => {
  const [form, module] = await Promise.all([runAgainstMock({}, 'printed'), runAgainstMock(JSON_API, moduleLogin)])
  const expected = verdictsOf(form.run)
  for (const [id, { outcome }] of Object.entries(MODULE_DIFFERENCES)) expected[id] = outcome
  expect(verdictChanges(expected, verdictsOf(module.run))).toEqual([])
  for (const id of Object.keys(MODULE_DIFFERENCES))
    expect(module.run.results.find((result) => result.id === id)?.message).toMatch(/module|login\.consent/)
})
