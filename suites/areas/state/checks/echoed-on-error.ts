import { defineCheck, fail, pass, skip } from '../../../harness/check.js'

export default defineCheck({
  id: 'state.echoed-on-error',
  title: 'Every error redirect carries the state unchanged',
  area: 'state',
  level: 'MUST',
  spec: ['RFC6749-4.1.2.1', 'OIDCC-3.1.2.6'],
  needs: ['authzErrorRedirects'],
  coveredBy: { oidf: 'CheckStateInAuthorizationResponse (generic error validation; oidcc-prompt-none-not-logged-in)' },
  evaluate: ({ authzErrorRedirects: { redirects } }) => {
    const withState = redirects.filter((redirect) => redirect.sentState !== undefined)
    if (withState.length === 0) return skip('no error scenario that sent a state ended in an error redirect')
    // RFC 6749 §4.1.2.1 state: "REQUIRED if a "state" parameter was present in the client
    // authorization request. The exact value received from the client."
    const wrong = withState.filter(
      (redirect) =>
        redirect.params.state === undefined ||
        (redirect.params.state !== redirect.sentState && redirect.params.state !== redirect.alternativeState),
    )
    if (wrong.length > 0)
      return fail(
        `"state" missing or changed in ${wrong.length} of ${withState.length} error redirects (${wrong.map((redirect) => redirect.scenario).join('; ')})`,
        {
          expected: 'the exact state sent',
          actual: wrong.map((redirect) => ({
            scenario: redirect.scenario,
            error: redirect.params.error,
            state: redirect.params.state ?? null,
          })),
          exchanges: wrong.flatMap((redirect) => redirect.exchanges),
        },
      )
    return pass(`"state" returned unchanged in all ${withState.length} error redirects`, {
      actual: withState.map((redirect) => `${redirect.scenario}: error=${redirect.params.error}`),
    })
  },
})
