/** A failed flow, labelled with the step that failed so failures can be counted per step. */

export type FlowStep =
  | 'authorize'
  | 'login-page'
  | 'login'
  | 'consent-page'
  | 'consent'
  | 'callback'
  | 'token'
  | 'id_token'
  | 'userinfo'

export class FlowError extends Error {
  constructor(
    readonly step: FlowStep,
    message: string,
  ) {
    super(`${step}: ${message}`)
    this.name = 'FlowError'
  }
}
