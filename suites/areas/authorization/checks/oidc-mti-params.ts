import { defineCheck, fail, pass } from '../../../harness/check.js'
import { describe } from './judge.js'

export default defineCheck({
  id: 'authz.oidc-mti-params',
  title: 'display, ui_locales, claims_locales, login_hint and acr_values do not cause an error',
  area: 'authorization',
  level: 'MUST',
  spec: ['OIDCC-3.1.2.1', 'OIDCC-15.1'],
  needs: ['authzOidcMti'],
  coveredBy: {
    oidf: 'oidcc-display-page, oidcc-display-popup, oidcc-ui-locales, oidcc-claims-locales, oidcc-login-hint, oidcc-ensure-request-with-acr-values-succeeds',
  },
  evaluate: ({ authzOidcMti: { attempts } }) => {
    // OIDC Core §3.1.2.1 / §5.2: these are OPTIONAL hints ("it is not an error if they are not
    // supported"); §15.1 lists them for every OP. A hint the OP does not support must be ignored.
    const refused = attempts.filter(({ flow }) => {
      const { result } = flow.attempt
      return result.kind !== 'callback' || result.params.code === undefined
    })
    const actual = attempts.map(({ params, flow }) => ({ params, outcome: describe(flow.attempt.result) }))
    if (refused.length === 0)
      return pass(`${attempts.length} requests with the optional OIDC parameters succeeded`, { actual })
    // The combined request is attempts[0]; when it failed, single-parameter retries follow it.
    const culprits = refused.length > 1 ? refused.slice(1) : refused
    return fail(
      `the request was refused with ${culprits
        .map(({ params }) =>
          Object.entries(params)
            .map(([name, value]) => `${name}=${value}`)
            .join('&'),
        )
        .join('; ')}`,
      {
        expected: 'a code for every request',
        actual,
        exchanges: refused.flatMap(({ flow }) => flow.attempt.result.exchanges),
      },
    )
  },
})
