/**
 * OIDC Core §3.1.2.1 `prompt`: "Space-delimited, case-sensitive list of ASCII string values …
 * none, login, consent, select_account". "If this parameter contains none with any other value,
 * an error is returned." This provider has one account per session, so `select_account` shows
 * the login page (the user picks an account by signing in).
 */
import { InvalidRequest } from '../../errors.js'
import type { AuthorizationRequest } from '../../store/records.js'
import { type Step, spaceList } from '../step.js'

type Prompt = AuthorizationRequest['prompt'][number]
const KNOWN: readonly string[] = ['none', 'login', 'consent', 'select_account'] satisfies Prompt[]

export const checkPrompt: Step = ({ params, behaviours }, draft) => {
  let prompt = spaceList(params.get('prompt'))
  const unknown = prompt.filter((value) => !KNOWN.includes(value))
  if (unknown.length > 0) {
    throw new InvalidRequest(
      `"prompt" value ${unknown.map((value) => `"${value}"`).join(', ')} is not supported; supported: ${KNOWN.join(', ')}`,
    )
  }
  if (prompt.includes('none') && prompt.length > 1) {
    if (behaviours.enforces('prompt-none-alone')) {
      throw new InvalidRequest('"prompt" "none" must not be combined with other values (OIDC Core §3.1.2.1)')
    }
    // The deviation: "none" is dropped and the other values are acted on.
    prompt = prompt.filter((value) => value !== 'none')
  }
  return { ...draft, prompt: prompt as Prompt[] }
}
