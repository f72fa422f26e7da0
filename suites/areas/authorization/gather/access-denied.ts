/**
 * The user refuses (RFC 6749 §4.1.2.1, `access_denied`): deny on the consent page, or cancel on
 * the login page, with the control the target file names — or, with the form driver and no
 * control named, with the one the driver infers from its label (docs/login-drivers.md), so that a
 * target file with `"login": {}` is judged on refusal too.
 */
import { ControlNotFound } from '../../../drivers/driver.js'
import { attemptOnly, longState, scenarioGatherer } from '../../../flows/authorization-scenario.js'
import type { FlowAttempt } from '../../../flows/flow-attempt.js'
import { DriveError, EvidenceUnavailable } from '../../../harness/evidence.js'
import type { GatherContext } from '../../../harness/gatherer.js'

export interface AccessDeniedScenario extends FlowAttempt {
  how:
    | 'deny on the consent page'
    | 'cancel on the login page'
    | 'deny on the consent page, with the control the form driver inferred'
    | 'cancel on the login page, with the control the form driver inferred'
}

declare module '../../../harness/evidence.js' {
  interface Evidence {
    authzAccessDenied: AccessDeniedScenario
  }
}

type Refusal = 'deny' | 'cancel'

export const accessDeniedGatherer = scenarioGatherer('authzAccessDenied', async (context) => {
  const login = context.target.login
  if (login.driver === 'module')
    throw new EvidenceUnavailable(
      'the module login driver only signs in (it cannot cancel or deny), so the suite cannot refuse the request as a user',
    )
  const deny = login.consent?.deny !== undefined
  const cancel = login.driver === 'form' && login.cancel !== undefined
  if (!deny && !cancel) {
    if (login.driver === 'form') return refuseWithInferredControl(context)
    throw new EvidenceUnavailable(
      'the target file has no "login.consent.deny", so the suite cannot refuse the request as a user',
    )
  }
  // Denying on the consent page is the refusal RFC 6749 §4.1.2.1 describes ("If the resource
  // owner denies the access request"); cancelling the login is one too, and the way left when the
  // server shows no consent page.
  if (deny) {
    try {
      return await refuse(context, 'deny')
    } catch (error) {
      if (!(cancel && error instanceof EvidenceUnavailable)) throw error
    }
  }
  return refuse(context, 'cancel')
})

async function refuse(context: GatherContext, refusal: Refusal, inferred = false): Promise<AccessDeniedScenario> {
  const flow = await attemptOnly(context, {
    label: refusal === 'deny' ? 'authorization: the user denies consent' : 'authorization: the user cancels the login',
    decision: refusal,
    overrides: { state: longState() },
  })
  const { result } = flow.attempt
  // A code without the page to refuse on is no evidence: the user never had the chance.
  if (refusal === 'deny' && result.kind === 'callback' && !result.sawConsent && result.params.code)
    throw new EvidenceUnavailable('no consent page was shown, so the suite could not deny consent')
  if (refusal === 'cancel' && result.kind === 'callback' && !result.sawLogin && result.params.code)
    throw new EvidenceUnavailable('no login page was shown, so the suite could not cancel the login')
  const where = refusal === 'deny' ? 'deny on the consent page' : 'cancel on the login page'
  return { ...flow, how: inferred ? `${where}, with the control the form driver inferred` : where }
}

/**
 * Deny on the consent page first (most servers have a deny control there; fewer have a cancel on
 * the login page), else cancel on the login page. An inferred control is a guess from its label:
 * when it does not lead back to the client, nothing is judged — the guess may have been wrong (a
 * "No account?" link), and a false alarm is as bad as a missed defect.
 */
async function refuseWithInferredControl(context: GatherContext): Promise<AccessDeniedScenario> {
  const tried: string[] = []
  // capabilities.consent_page: false — the target file says there is no consent page to deny on.
  const refusals =
    context.target.capabilities.consent_page === false ? (['cancel'] as const) : (['deny', 'cancel'] as const)
  for (const refusal of refusals) {
    let flow: AccessDeniedScenario
    try {
      flow = await refuse(context, refusal, true)
    } catch (error) {
      if (error instanceof ControlNotFound || error instanceof EvidenceUnavailable) {
        tried.push(error.message)
        continue
      }
      if (error instanceof DriveError)
        throw new EvidenceUnavailable(
          `refusing with the ${refusal} control the form driver inferred failed (${error.message}); set "${settingOf(refusal)}" to name the control`,
        )
      throw error
    }
    if (flow.attempt.result.kind === 'callback') return flow
    throw new EvidenceUnavailable(
      `the ${refusal} control the form driver inferred led to a page of the server's (HTTP ${flow.attempt.result.status}), not back to the client; set "${settingOf(refusal)}" to name the control`,
    )
  }
  throw new EvidenceUnavailable(
    `the suite could not refuse the request as a user: ${tried.join('; ')}. Where the server has a control for it, name it with "login.consent.deny" or "login.cancel" in the target file`,
  )
}

function settingOf(refusal: Refusal): string {
  return refusal === 'deny' ? 'login.consent.deny' : 'login.cancel'
}
