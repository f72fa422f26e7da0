/**
 * Hints that shape the pages but never the outcome (OIDC Core §3.1.2.1): `login_hint` ("Hint to
 * the Authorization Server about the login identifier the End-User might use to log in") prefills
 * the username (or, with `headless.loginHint`, chooses the user); `ui_locales` and
 * `id_token_hint` are kept with the request.
 */
import type { Step } from '../step.js'

export const checkHints: Step = ({ params }, draft) => {
  const loginHint = params.get('login_hint')
  const uiLocales = params.get('ui_locales')
  const idTokenHint = params.get('id_token_hint')
  return {
    ...draft,
    ...(loginHint === undefined ? {} : { loginHint }),
    ...(uiLocales === undefined ? {} : { uiLocales }),
    ...(idTokenHint === undefined ? {} : { idTokenHint }),
  }
}
