/**
 * MUST checks that judge the server but that no behaviour of the mock can prove, each with the
 * reason (issue 6: "or listed with the reason it can't be simulated"). One file per area.
 */

import { codeTokenPkce } from './unprovable/code-token-pkce.js'
import { discoveryAuthorization } from './unprovable/discovery-authorization.js'
import { idTokenUserinfo } from './unprovable/id-token-userinfo.js'
import { refreshRevocationSession } from './unprovable/refresh-revocation-session.js'

export const UNPROVABLE: Readonly<Record<string, string>> = {
  ...discoveryAuthorization,
  ...codeTokenPkce,
  ...idTokenUserinfo,
  ...refreshRevocationSession,
}
