/** logout.tokens-after-logout — whether the access and refresh tokens still work after logout (policy; RP-Initiated Logout §1). */
import { defineCheck, info, skip } from '../../../harness/check.js'

export default defineCheck({
  id: 'logout.tokens-after-logout',
  title: 'Whether tokens issued in the session still work after logout',
  area: 'logout',
  level: 'MAY',
  spec: ['OIDCRPL-1'],
  needs: ['logoutHappy'],
  evaluate: ({ logoutHappy: e }) => {
    const observations: string[] = []
    const exchanges = [e.userinfoAfter?.exchange, e.refreshAfter?.exchange].filter((exchange) => exchange !== undefined)
    // Logout ends the OP session; whether tokens die with it is the OP's policy (offline access
    // exists to outlive sessions), so this is reported, never failed.
    if (e.userinfoAfter) {
      const before = e.login.userinfo?.status
      observations.push(
        e.userinfoAfter.status === 200
          ? 'the access token is still accepted at UserInfo'
          : `the access token is refused at UserInfo (HTTP ${e.userinfoAfter.status}${before === 200 ? ', accepted before logout' : ''})`,
      )
    }
    if (e.refreshAfter)
      observations.push(
        e.refreshAfter.status === 200
          ? 'the refresh token still works'
          : `the refresh token is refused (HTTP ${e.refreshAfter.status}${typeof e.refreshAfter.body?.error === 'string' ? `, ${e.refreshAfter.body.error}` : ''})`,
      )
    if (observations.length === 0) return skip('no UserInfo endpoint and no refresh token to try after logout')
    return info(`after logout: ${observations.join('; ')}`, {
      actual: { userinfo: e.userinfoAfter?.status, refresh: e.refreshAfter?.status },
      exchanges,
    })
  },
})
