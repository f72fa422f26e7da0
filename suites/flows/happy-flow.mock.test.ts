/**
 * The shared-state contract: the happy flow's evidence is read-only. Many checks judge that one
 * exchange, so no gatherer may revoke, refresh (rotate) or log out what the happy flow obtained;
 * a gatherer that needs to spend a token or end a session obtains its own (suites/flows/grant-source.ts).
 * Proved on the wire: after a whole run against the mock, no revocation, refresh or logout request
 * carried the happy flow's tokens, and its access token and session still work.
 */
import { expect, it } from 'vitest'
import { withMockIdp } from '../../test/support/against-mock.js'
import { checks, gatherers } from '../catalog.js'
import { defineGatherer } from '../harness/gatherer.js'
import { HttpClient } from '../harness/http-client.js'
import { runSuite } from '../harness/run-suite.js'
import { parseTargetFile } from '../harness/target.js'
import type { CompletedFlow } from './code-flow.js'
import { happyFlowGatherer } from './happy-flow.js'

it('leaves the happy flow tokens and session untouched by every other gatherer of a whole run', {
  timeout: 120_000,
}, async () => {
  await withMockIdp({ limits: { maxRecordedExchanges: 100_000 } }, async (idp) => {
    let happy: CompletedFlow | undefined
    const spying = defineGatherer({
      id: happyFlowGatherer.id,
      provides: ['happyFlow'],
      gather: async (context) => {
        const evidence = (await happyFlowGatherer.gather(context)) as { happyFlow: CompletedFlow }
        happy = evidence.happyFlow
        return evidence
      },
    })
    const target = parseTargetFile(idp.targetFile())
    const run = await runSuite({
      target,
      checks,
      gatherers: gatherers.map((gatherer) => (gatherer.id === happyFlowGatherer.id ? spying : gatherer)),
    })
    expect(run.results.filter((result) => result.outcome === 'failed').map((result) => result.id)).toEqual([])
    if (!happy) throw new Error('the run never gathered the happy flow')
    const { accessToken, refreshToken } = happy
    const idToken = happy.idToken?.raw
    expect(accessToken && refreshToken && idToken, 'the mock issues all three tokens to the happy flow').toBeTruthy()

    const requests = idp.requests({ redact: false })
    const carrying = (endpoint: string, names: string[], value: string | undefined) =>
      requests.filter(
        (request) =>
          request.endpoint === endpoint &&
          request.params.some(([name, sent]) => names.includes(name) && sent === value),
      )
    expect(carrying('revocation', ['token'], accessToken), 'revoked the happy access token').toEqual([])
    expect(carrying('revocation', ['token'], refreshToken), 'revoked the happy refresh token').toEqual([])
    expect(carrying('token', ['refresh_token'], refreshToken), 'refreshed (rotated) the happy refresh token').toEqual(
      [],
    )
    expect(carrying('endSession', ['id_token_hint'], idToken), 'logged out with the happy ID token').toEqual([])

    // And the effects: the happy access token still works, and so does the happy session.
    const http = new HttpClient({ timeoutMs: 10_000, secrets: [] })
    const userinfo = await http.send({
      url: `${idp.issuer}/userinfo`,
      headers: { authorization: `Bearer ${accessToken}` },
      label: 'the happy access token after the run',
    })
    expect(userinfo.status).toBe(200)
    const { params } = happy.attempt.request
    const silent = new URL(`${idp.issuer}/oauth/authorize`)
    for (const name of ['response_type', 'client_id', 'redirect_uri', 'scope'] as const)
      silent.searchParams.set(name, params[name] ?? '')
    silent.searchParams.set('state', 'after-the-run')
    silent.searchParams.set('prompt', 'none')
    const answer = await http.send({
      url: silent.toString(),
      jar: happy.attempt.jar,
      label: 'prompt=none with the happy session after the run',
    })
    // OIDC Core §3.1.2.1: with a live session, prompt=none redirects back with a code at once.
    expect(answer.status).toBe(302)
    expect(new URL(answer.headers.get('location') ?? '', idp.issuer).searchParams.get('code')).toBeTruthy()
  })
})
