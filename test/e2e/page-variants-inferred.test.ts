/**
 * The form driver with `"login": {}` — no selector at all, every control inferred from the pages,
 * as a target file for a provider nobody has described yet — against the HTML page and server
 * variants real providers have (page-variants.ts): no `error` outcome, the plain mock's verdicts
 * (refusal and prompt=consent included: the driver finds the deny control and the consent page).
 */
import { expect, it } from 'vitest'
import { checks, gatherers, selectChecks } from '../../suites/catalog.js'
import { runSuite } from '../../suites/harness/run-suite.js'
import { parseTargetFile } from '../../suites/harness/target.js'
import { withMockIdp } from '../support/against-mock.js'
import { HTML_PAGE_VARIANTS, provePageVariants } from './page-variants.js'

provePageVariants({ driver: 'form (selectors inferred)', login: () => ({}), variants: HTML_PAGE_VARIANTS })

it('judges refusal and prompt=consent with the deny control and consent page the form driver infers', async () => {
  await withMockIdp({}, async (idp) => {
    const target = parseTargetFile({ ...idp.targetFile(), login: {} }, {})
    const selected = selectChecks(checks, ['authz.access-denied', 'sess.prompt-consent'])
    const run = await runSuite({ target, checks: selected, gatherers })
    expect(run.results.map((result) => `${result.id}: ${result.outcome}`).sort()).toEqual([
      'authz.access-denied: passed',
      'sess.prompt-consent: passed',
    ])
    expect(run.results.find((result) => result.id === 'authz.access-denied')?.message).toContain(
      'deny on the consent page, with the control the form driver inferred',
    )
  })
})
