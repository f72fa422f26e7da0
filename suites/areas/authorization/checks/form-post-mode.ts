import { defineCheck, fail, pass } from '../../../harness/check.js'
import { describe, summary } from './judge.js'

export default defineCheck({
  id: 'authz.form-post-mode',
  title: 'response_mode=form_post (when advertised) delivers an auto-submitting urlencoded POST',
  area: 'authorization',
  level: 'MUST',
  spec: ['OAUTHFP-2', 'OAUTHRT-2.1'],
  needs: ['authzFormPost'],
  coveredBy: {
    oidf: 'oidcc-formpost-* (CheckCallbackHttpMethodIsPost, CheckCallbackContentTypeIsFormUrlEncoded, RejectAuthCodeInUrlQuery, RejectErrorInUrlQuery)',
    oauch: 'AuthEndpoint.SupportsPostResponseModeTest',
  },
  evaluate: ({ authzFormPost: flow }) => {
    const { result } = flow.attempt
    const exchanges = result.exchanges
    // Form Post Response Mode §2: "the Authorization Response parameters are encoded as HTML
    // form values that are auto-submitted in the User Agent, and thus are transmitted via the
    // HTTP POST method to the Client, with the result parameters being encoded in the body using
    // the application/x-www-form-urlencoded format."
    if (result.kind !== 'callback')
      return fail(`response_mode=form_post is advertised, yet the request ended with ${describe(result)}`, {
        exchanges,
      })
    if (result.mode !== 'form_post')
      return fail(`response_mode=form_post was answered in the ${result.mode}`, {
        expected: 'form_post',
        actual: summary(result),
        exchanges,
      })
    const action = new URL(result.url)
    const leaked = ['code', 'error', 'state'].filter((name) => action.searchParams.has(name))
    if (leaked.length > 0)
      return fail(`the form's action carries ${leaked.map((name) => `"${name}"`).join(', ')} in its query`, {
        exchanges,
      })
    const enctype = flow.form?.enctype?.toLowerCase()
    if (enctype !== undefined && enctype !== 'application/x-www-form-urlencoded')
      return fail(`the form is submitted as "${flow.form?.enctype}"`, {
        expected: 'application/x-www-form-urlencoded',
        exchanges,
      })
    if (result.params.code === undefined)
      return fail('the form_post response has no "code"', { actual: summary(result), exchanges })
    return pass('the code was delivered by an auto-submitting urlencoded POST', { exchanges })
  },
})
