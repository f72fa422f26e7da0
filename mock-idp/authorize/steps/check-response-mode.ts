/**
 * How the authorization response travels (OAuth 2.0 Multiple Response Type Encoding Practices
 * §2.1, OAuth 2.0 Form Post Response Mode §2).
 *
 * Multiple Response Types §5: "the default Response Mode for the code Response Type is the query
 * encoding". Only the modes listed in `responseModes` are accepted; until this step succeeds,
 * errors travel in the default mode.
 */
import { InvalidRequest } from '../../errors.js'
import type { ResponseMode } from '../../store/records.js'
import type { Step } from '../step.js'

const KNOWN: readonly string[] = ['query', 'fragment', 'form_post'] satisfies ResponseMode[]

export const checkResponseMode: Step = ({ params, config, behaviours }, draft) => {
  const mode = params.get('response_mode')
  if (mode === undefined)
    return { ...draft, responseMode: behaviours.enforces('response-mode-default-query') ? 'query' : 'fragment' }
  if (!KNOWN.includes(mode) || !config.responseModes.includes(mode as ResponseMode)) {
    throw new InvalidRequest(
      `"response_mode" "${mode}" is not supported; supported values: ${config.responseModes.join(', ')}`,
    )
  }
  // Form Post Response Mode §2: the parameters travel in an auto-submitted POST, never in the URL.
  if (mode === 'form_post' && !behaviours.enforces('response-mode-honoured')) return { ...draft, responseMode: 'query' }
  return { ...draft, responseMode: mode as ResponseMode }
}
