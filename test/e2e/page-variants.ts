// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${…} is the target file's placeholder syntax, not a template string.
/**
 * The proof that the suite drives the page and server shapes real providers have
 * (docs/page-variants.md): against each variant of the mock IdP, the whole suite (direct engine,
 * default concurrency) ends with no `error` outcome, no root cause, and the verdict per check it
 * gives the plain mock — apart from differences listed with their reason. Each variant also shows
 * that its shape was really met (a deny link followed, a password page posted …), so a variant
 * the mock stopped serving would fail here instead of proving nothing.
 *
 * The per-driver test files call `provePageVariants`; `proveBrowserPageVariants` is the same
 * matrix for the browser driver (see its comment for how it is wired in).
 */
import { fileURLToPath } from 'node:url'
import { beforeAll, expect, it } from 'vitest'
import { createMockIdp, type MockIdp, type MockIdpConfigInput, type RecordedExchange } from '../../mock-idp/index.js'
import type { Outcome, SuiteRun } from '../../reports/run-result.js'
import { checks, gatherers } from '../../suites/catalog.js'
import { runSuite } from '../../suites/harness/run-suite.js'
import { parseTargetFile } from '../../suites/harness/target.js'
import { requireChromium } from '../support/find-chromium.js'
import { describeResults, withOutcome } from './suite-support.js'

export type Verdicts = Record<string, Outcome>

export interface PageVariant {
  name: string
  /** The mock's config for this variant (`pages`, `server`). */
  config: MockIdpConfigInput
  /** What shows the variant's shape was met, in words, and the test over the mock's recorded requests. */
  met?: { by: string; test: (requests: RecordedExchange[]) => boolean }
  /** Checks whose verdict legitimately differs from the plain mock's, each with why. */
  differences?: Record<string, { outcome: Outcome; because: string }>
  /** The server fails overlapping requests: the run must fall back to serial and report that once. */
  failsUnderLoad?: boolean
}

/** How a test logs in: the target file the mock prints, or other login settings for the variant's config. */
export type LoginFor = 'printed' | ((variant: MockIdpConfigInput, idp: MockIdp) => unknown)

const SUPPORT_DIR = fileURLToPath(new URL('../support/', import.meta.url))

/** Every request kept, so that `met` sees the whole run. */
const RECORD_ALL: MockIdpConfigInput = { limits: { maxRecordedExchanges: 20_000 } }

const param = (request: RecordedExchange, name: string) => request.params.find(([key]) => key === name)?.[1]
const at = (request: RecordedExchange, endpoint: string, method: string) =>
  request.endpoint === endpoint && request.method === method

export const denyLinkFollowed = {
  by: 'a GET of the consent endpoint with decision=deny answered 303',
  test: (requests: RecordedExchange[]) =>
    requests.some((r) => at(r, 'consent', 'GET') && param(r, 'decision') === 'deny' && r.status === 303),
}
export const denyFormPosted = {
  by: 'a POST of decision=deny to the consent endpoint answered 303',
  test: (requests: RecordedExchange[]) =>
    requests.some((r) => r.method === 'POST' && param(r, 'decision') === 'deny' && r.status === 303),
}
export const usernamePagePosted = {
  by: 'a POST of action=next (the username page) answered 200 with the password page',
  test: (requests: RecordedExchange[]) =>
    requests.some((r) => r.method === 'POST' && param(r, 'action') === 'next' && r.status === 200),
}
export const interstitialPosted = {
  by: 'a POST of action=continue (the interstitial form) answered 303',
  test: (requests: RecordedExchange[]) =>
    requests.some((r) => r.method === 'POST' && param(r, 'action') === 'continue' && r.status === 303),
}
export const refreshFollowed = {
  by: 'a GET of the login endpoint with a continue_token (the meta refresh) answered 303',
  test: (requests: RecordedExchange[]) =>
    requests.some((r) => at(r, 'login', 'GET') && param(r, 'continue_token') !== undefined && r.status === 303),
}
export const postedAtAuthorization = {
  by: 'a page form (with an interaction field) posted to the authorization endpoint',
  test: (requests: RecordedExchange[]) =>
    requests.some((r) => at(r, 'authorization', 'POST') && param(r, 'interaction') !== undefined),
}

/**
 * The HTML page and server variants: what the form driver (and any driver) must get through.
 * No verdict differs from the plain mock's, including for `errorPageStatus: 403`: RFC 6749
 * §4.1.2.1 says the server "SHOULD inform the resource owner of the error and MUST NOT
 * automatically redirect", and names no status, so the checks accept a 4xx error page whatever
 * its status.
 */
export const HTML_PAGE_VARIANTS: PageVariant[] = [
  { name: 'deny in a form of its own', config: { pages: { deny: 'form' } }, met: denyFormPosted },
  { name: 'deny as a link', config: { pages: { deny: 'link' } }, met: denyLinkFollowed },
  {
    name: 'two-step login (username, then password)',
    config: { pages: { loginSteps: 'two' } },
    met: usernamePagePosted,
  },
  {
    name: 'interstitial that submits itself',
    config: { pages: { interstitial: 'auto-submit' } },
    met: interstitialPosted,
  },
  { name: 'interstitial meta refresh', config: { pages: { interstitial: 'meta-refresh' } }, met: refreshFollowed },
  { name: 'interstitial Continue button', config: { pages: { interstitial: 'continue' } }, met: interstitialPosted },
  {
    name: 'login and consent at the authorization URL',
    config: { pages: { sameUrl: true } },
    met: postedAtAuthorization,
  },
  {
    name: 'error pages answered 403',
    config: { pages: { errorPageStatus: 403 } },
    met: {
      by: 'an authorization request answered with a 403 error page',
      test: (requests) => requests.some((r) => at(r, 'authorization', 'GET') && r.status === 403),
    },
  },
  {
    name: 'consent asked at every authorization',
    config: { pages: { rememberConsent: false } },
    met: {
      // OIDC Core §3.1.2.6: consent_required when prompt=none would need consent.
      by: 'prompt=none in a signed-in session answered consent_required',
      test: (requests) => requests.some((r) => r.location?.includes('error=consent_required') === true),
    },
  },
  // No run of the suite sends a wrong password; wrong-password.test.ts meets this variant.
  { name: 'wrong password answered 400', config: { pages: { wrongPassword: 'status' } } },
  {
    name: 'slow stylesheet, script and image',
    config: { pages: { scripts: 'slow-assets', assetDelayMs: 1500 } },
  },
  {
    name: 'a server that answers 500 "database is locked" to overlapping requests',
    config: { server: { overlap: 'fail' } },
    met: {
      by: 'a request refused with 500 while another was served',
      test: (requests) => requests.some((r) => r.status === 500),
    },
    failsUnderLoad: true,
  },
  {
    name: 'everything at the authorization URL: two steps, Continue interstitial, deny in its own form',
    config: { pages: { sameUrl: true, loginSteps: 'two', interstitial: 'continue', deny: 'form' } },
    met: {
      by: 'the username page and the interstitial posted to the authorization endpoint',
      test: (requests) =>
        ['next', 'continue'].every((action) =>
          requests.some((r) => at(r, 'authorization', 'POST') && param(r, 'action') === action),
        ),
    },
  },
  {
    name: 'two steps, deny link, meta refresh, consent every time, 403 error pages, wrong password 400',
    config: {
      pages: {
        loginSteps: 'two',
        deny: 'link',
        interstitial: 'meta-refresh',
        rememberConsent: false,
        errorPageStatus: 403,
        wrongPassword: 'status',
      },
    },
    met: {
      by: 'the username page posted, the refresh and the deny link followed',
      test: (requests) => [usernamePagePosted, refreshFollowed, denyLinkFollowed].every(({ test }) => test(requests)),
    },
  },
  {
    name: 'a single-threaded development server with a two-step login and a self-submitting interstitial',
    config: { server: { overlap: 'fail' }, pages: { loginSteps: 'two', interstitial: 'auto-submit' } },
    met: {
      by: 'the username page and the interstitial posted, and a request refused with 500',
      test: (requests) =>
        usernamePagePosted.test(requests) &&
        interstitialPosted.test(requests) &&
        requests.some((r) => r.status === 500),
    },
    failsUnderLoad: true,
  },
]

/** The whole suite against a fresh mock with `config`, logging in as `login` says; returns the run and what the mock recorded. */
export async function runAgainstMock(
  config: MockIdpConfigInput,
  login: LoginFor,
): Promise<{ run: SuiteRun; requests: RecordedExchange[] }> {
  const idp = await createMockIdp({ log: { level: 'silent' }, ...RECORD_ALL, ...config })
  try {
    const printed = idp.targetFile()
    const file = login === 'printed' ? printed : { ...printed, login: login(config, idp) }
    const run = await runSuite({ target: parseTargetFile(file, {}), checks, gatherers, baseDir: SUPPORT_DIR })
    return { run, requests: idp.requests({ redact: true }) }
  } finally {
    await idp.close()
  }
}

export function verdictsOf(run: SuiteRun): Verdicts {
  return Object.fromEntries(run.results.map((result) => [result.id, result.outcome]))
}

/** The verdicts that differ between two runs, one line each: `id: expected → actual`. */
export function verdictChanges(expected: Verdicts, actual: Verdicts): string[] {
  const ids = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort()
  return ids.filter((id) => expected[id] !== actual[id]).map((id) => `${id}: ${expected[id]} → ${actual[id]}`)
}

export interface PageVariantProof {
  /** The driver's name, for the test titles. */
  driver: string
  /** The config every variant adds its own to (and the plain mock's, for the baseline). */
  base?: MockIdpConfigInput
  login: LoginFor
  variants: PageVariant[]
  /** Checks the driver needs before any variant runs (e.g. Chromium). */
  requires?: () => void
  timeoutMs?: number
}

/**
 * Registers, in the calling test file, one test per variant: the whole suite against it, with no
 * `error` outcome, no root cause, the plain mock's verdicts (computed once, before the variants),
 * and the variant's shape met.
 */
export function provePageVariants(proof: PageVariantProof): void {
  const timeout = proof.timeoutMs ?? 180_000
  const base = proof.base ?? {}
  let plain: Verdicts | undefined

  beforeAll(async () => {
    proof.requires?.()
    const { run } = await runAgainstMock(base, proof.login)
    // The baseline must be clean itself, or every comparison would inherit its problems.
    expect(describeResults(withOutcome(run, 'error'))).toEqual([])
    plain = verdictsOf(run)
  }, timeout)

  for (const variant of proof.variants) {
    const title = `${proof.driver} driver, ${variant.name}: no error outcome and the plain mock's verdicts`
    it(title, { timeout }, async () => {
      if (!plain) throw new Error('the run against the plain mock failed (see the beforeAll error)')
      const config = merge(base, variant.config)
      const { run, requests } = await runAgainstMock(config, proof.login)
      expect(describeResults(withOutcome(run, 'error'))).toEqual([])
      expect(run.rootCauses.map((cause) => `${cause.id}: ${cause.message}`)).toEqual([])
      const expected = { ...plain }
      for (const [id, { outcome }] of Object.entries(variant.differences ?? {})) expected[id] = outcome
      expect(verdictChanges(expected, verdictsOf(run))).toEqual([])
      // A server that fails under load is met once, as one robustness finding; others never.
      expect(run.robustness).toHaveLength(variant.failsUnderLoad ? 1 : 0)
      if (variant.met) expect(variant.met.test(requests), `not met: ${variant.met.by}`).toBe(true)
    })
  }
}

function merge(base: MockIdpConfigInput, variant: MockIdpConfigInput): MockIdpConfigInput {
  return {
    ...base,
    ...variant,
    pages: { ...base.pages, ...variant.pages },
    server: { ...base.server, ...variant.server },
  }
}

/** Browser-driver login settings for the mock's pages in `config`: the steps a user of the driver writes. */
export function browserLogin(config: MockIdpConfigInput): unknown {
  const pages = config.pages ?? {}
  const username = { fill: '[data-testid=login-username]', value: '${username}' }
  const password = { fill: '[data-testid=login-password]', value: '${password}' }
  const submit = { click: '[data-testid=login-submit]' }
  const deny = {
    button: '[data-testid=consent-deny]',
    form: 'form#deny-form [data-testid=consent-deny]',
    link: 'a[data-testid=consent-deny]',
  }[pages.deny ?? 'button']
  return {
    driver: 'browser',
    steps:
      pages.loginSteps === 'two'
        ? [username, { click: '[data-testid=login-next]' }, password, submit]
        : [username, password, submit],
    cancel: '[data-testid=login-cancel]',
    consent: { form: '[data-testid=consent-form]', submit: '[data-testid=consent-approve]', deny },
    // A page whose only control is "Continue" is named, as a user of the driver would name it.
    ...(pages.interstitial === 'continue' ? { continue: '[data-testid=interstitial-continue]' } : {}),
  }
}

/** The page shapes only a browser gets through (the form driver runs no script). */
export const SCRIPTED_PAGE_VARIANTS: PageVariant[] = [
  { name: 'login form built by a script after load', config: { pages: { scripts: 'defer-form' } } },
  {
    name: 'login app over a JSON API',
    config: { pages: { loginApp: 'json-api' } },
    met: {
      by: 'the login API answered 200',
      test: (requests) => requests.some((r) => r.endpoint === 'loginApi' && r.status === 200),
    },
  },
  {
    name: 'login app over a JSON API, two steps, at the authorization URL',
    config: { pages: { loginApp: 'json-api', loginSteps: 'two', sameUrl: true } },
  },
]

/**
 * The same matrix with the browser driver (page-variants-browser*.test.ts). A whole run with the
 * browser takes minutes, so those files prove the combinations that hold every HTML variant at once
 * and the scripted pages the form driver cannot use.
 */
export function proveBrowserPageVariants(variants = [...HTML_PAGE_VARIANTS, ...SCRIPTED_PAGE_VARIANTS]): void {
  provePageVariants({
    driver: 'browser',
    login: (config) => browserLogin(config),
    variants,
    requires: requireChromium,
    timeoutMs: 600_000,
  })
}
