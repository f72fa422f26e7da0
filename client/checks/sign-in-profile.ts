/** How a client signs in, read from the requests the mock recorded during a normal sign-in (pure). */
import type { RecordedExchange } from '../../mock-idp/recorder.js'
import type { SignInProfile } from './client-check.js'

export function param(exchange: RecordedExchange | undefined, name: string): string | undefined {
  return exchange?.params.find(([key]) => key === name)?.[1]
}

export function signInProfile(requests: readonly RecordedExchange[]): SignInProfile {
  const authorization = requests.find((request) => request.endpoint === 'authorization')
  const tokenRequests = requests.filter((request) => request.endpoint === 'token')
  return {
    state: param(authorization, 'state'),
    nonce: param(authorization, 'nonce'),
    sentMaxAge: param(authorization, 'max_age') !== undefined,
    callsUserInfo: requests.some((request) => request.endpoint === 'userinfo'),
    refreshes: tokenRequests.some((request) => param(request, 'grant_type') === 'refresh_token'),
    redirectUri: param(authorization, 'redirect_uri'),
  }
}

// The reasons a check cannot apply, shared by the catalog.
export const needsNonce = (profile: SignInProfile) =>
  profile.nonce === undefined
    ? 'the client sends no nonce, so it has none to compare (OIDC Core §3.1.2.1: nonce is OPTIONAL in the code flow)'
    : undefined
export const needsNoNonce = (profile: SignInProfile) =>
  profile.nonce !== undefined
    ? 'the client sends a nonce; this deviation only shows with a request without one'
    : undefined
export const needsState = (profile: SignInProfile) =>
  profile.state === undefined ? 'the client sends no state, so it has none to compare' : undefined
export const needsUserInfo = (profile: SignInProfile) =>
  profile.callsUserInfo ? undefined : 'the client does not call the UserInfo endpoint when it signs in'
export const needsMaxAge = (profile: SignInProfile) =>
  profile.sentMaxAge ? undefined : 'the client sends no max_age, so auth_time carries no obligation for it'
export const needsRefresh = (profile: SignInProfile) =>
  profile.refreshes ? undefined : 'the client does not use a refresh token while it signs in'
