/**
 * The code flow's step list and the scenarios derived from it, with a stub driver playing the
 * authorization endpoint and a stub token endpoint recording what it was sent.
 */
import { expect, it } from 'vitest'
import type { Exchange } from '../../reports/run-result.js'
import type { AuthorizeResult, LoginDriver } from '../drivers/driver.js'
import { DriveError } from '../harness/evidence.js'
import type { GatherContext } from '../harness/gatherer.js'
import { HttpClient, type HttpRequest } from '../harness/http-client.js'
import { parseTargetFile } from '../harness/target.js'
import { codeFlow, completeFlow, redeemStep } from './code-flow.js'
import { attemptCodeFlow, attemptFlow } from './flow-attempt.js'

const target = parseTargetFile({
  name: 'unit',
  issuer: 'https://op.example',
  clients: [{ client_id: 'c', client_secret: 'secret-1', redirect_uris: ['https://client.example.org/cb'] }],
  users: [{ username: 'alice', password: 'wonderland' }],
})

function callback(params: Record<string, string>): AuthorizeResult {
  return {
    kind: 'callback',
    url: `https://client.example.org/cb?${new URLSearchParams(params)}`,
    mode: 'query',
    params,
    allParams: Object.entries(params),
    sawLogin: true,
    sawConsent: false,
    exchanges: [],
  }
}

/** A context whose driver answers `result` and whose token endpoint answers `tokenBody`; `sent` records the back-channel requests. */
function stubContext(result: AuthorizeResult, tokenBody: Record<string, unknown> = { access_token: 'at-1' }) {
  const sent: HttpRequest[] = []
  const http = new HttpClient({ timeoutMs: 1000, secrets: [] })
  http.send = async (request) => {
    sent.push(request)
    const text = JSON.stringify(tokenBody)
    return {
      status: 200,
      headers: new Headers({ 'content-type': 'application/json' }),
      text,
      json: tokenBody,
      exchange: { id: sent.length, label: request.label } as unknown as Exchange,
    }
  }
  const driver: LoginDriver = { name: 'stub', authorize: async () => result }
  const context = {
    target,
    http,
    driver,
    need: async () => ({
      endpoints: { authorization: 'https://op.example/authorize', token: 'https://op.example/token' },
    }),
    limit: (task: () => Promise<unknown>) => task(),
    simultaneously: (_: unknown, task: () => Promise<unknown>) => task(),
  } as unknown as GatherContext
  return { context, sent }
}

it('runs authorize, code, redeem, tokens, id-token and userinfo, in that order', () => {
  expect(codeFlow.names).toEqual(['authorize', 'code', 'redeem', 'tokens', 'id-token', 'userinfo'])
})

it('derives the attempt flow by replacing the code step and removing the tokens and userinfo steps', () => {
  expect(attemptCodeFlow.names).toEqual(['authorize', 'code', 'redeem', 'id-token'])
})

it('redeems the code with the redirect_uri and code_verifier of its authorization request', async () => {
  const { context, sent } = stubContext(callback({ code: 'code-1' }))
  const flow = await completeFlow(context, { label: 'unit' })
  expect(flow).toMatchObject({ code: 'code-1', accessToken: 'at-1' })
  expect(sent.map(({ label }) => label)).toEqual(['unit: redeem the code'])
  expect(sent[0]!.form).toMatchObject({
    grant_type: 'authorization_code',
    code: 'code-1',
    redirect_uri: 'https://client.example.org/cb',
    code_verifier: flow.attempt.request.codeVerifier,
  })
})

it('sends the token request without redirect_uri when the redeem step is replaced by that variation', async () => {
  const { context, sent } = stubContext(callback({ code: 'code-1' }))
  const withoutRedirectUri = codeFlow.replace('redeem', redeemStep({ redirectUri: null })).remove('userinfo')
  await withoutRedirectUri.run(context, { options: { label: 'unit' } })
  expect(sent[0]!.form).toHaveProperty('code', 'code-1')
  expect((sent[0]!.form as Record<string, string | undefined>).redirect_uri).toBeUndefined()
})

it('reports a drive failure when the standard flow gets an error redirect instead of a code', async () => {
  const { context, sent } = stubContext(callback({ error: 'access_denied', error_description: 'no' }))
  const error = await completeFlow(context, { label: 'unit' }).catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(DriveError)
  expect((error as Error).message).toBe('unit: the authorization response has no code (error=access_denied: no)')
  expect(sent).toEqual([])
})

it('reports a drive failure when a valid code exchange gives no access token', async () => {
  const { context } = stubContext(callback({ code: 'code-1' }), { error: 'invalid_grant' })
  const error = await completeFlow(context, { label: 'unit' }).catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(DriveError)
  expect((error as Error).message).toMatch(/^unit: the token endpoint answered 200 to a valid code exchange: /)
})

it('ends the attempt flow at an error redirect, with the response as evidence and no token request', async () => {
  const { context, sent } = stubContext(callback({ error: 'login_required' }))
  const attempt = await attemptFlow(context, { label: 'unit' })
  expect(Object.keys(attempt)).toEqual(['attempt'])
  expect(attempt.attempt.result).toMatchObject({ params: { error: 'login_required' } })
  expect(sent).toEqual([])
})
