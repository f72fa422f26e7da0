/**
 * OIDC Core §3.1.2.1: "max_age OPTIONAL. Maximum Authentication Age. Specifies the allowable
 * elapsed time in seconds since the last time the End-User was actively authenticated by the OP.
 * If the elapsed time is greater than this value, the OP MUST attempt to actively re-authenticate
 * the End-User." The value must be a non-negative integer; `max_age=0` always re-authenticates
 * (the spec calls it equivalent to prompt=login).
 */
import { InvalidRequest } from '../../errors.js'
import type { Step } from '../step.js'

export const checkMaxAge: Step = ({ params }, draft) => {
  const raw = params.get('max_age')
  if (raw === undefined) return draft
  const maxAge = /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN
  if (!Number.isSafeInteger(maxAge)) {
    throw new InvalidRequest('"max_age" must be a non-negative integer number of seconds (OIDC Core §3.1.2.1)')
  }
  return { ...draft, maxAge }
}
