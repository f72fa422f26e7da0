/**
 * How the refusal scenario picks its control: the one the target file names, else (form driver)
 * the one the driver infers — deny on the consent page, then cancel on the login page — and what
 * it does when an inferred control finds nothing or leads nowhere. A stub driver plays the server.
 */
import { expect, it } from 'vitest'
import {
  type AuthorizeInput,
  type AuthorizeResult,
  ControlNotFound,
  type LoginDriver,
} from '../../../drivers/driver.js'
import { DriveError, type Evidence, EvidenceUnavailable } from '../../../harness/evidence.js'
import type { GatherContext } from '../../../harness/gatherer.js'
import { HttpClient } from '../../../harness/http-client.js'
import { parseTargetFile } from '../../../harness/target.js'
import { callback, page } from '../../../test-support/authorization-evidence.js'
import { accessDeniedGatherer } from './access-denied.js'

type Answer = AuthorizeResult | Error

/** Runs the gatherer with a driver that answers each decision as `answers` says, recording the decisions asked for. */
async function gather(
  login: unknown,
  answers: Partial<Record<'deny' | 'cancel', Answer>>,
  capabilities: Record<string, boolean> = {},
) {
  const decisions: string[] = []
  const driver: LoginDriver = {
    name: 'stub',
    authorize: async (input: AuthorizeInput) => {
      decisions.push(input.decision ?? 'approve')
      const answer = answers[input.decision as 'deny' | 'cancel']
      if (!answer) throw new Error(`unexpected decision ${input.decision}`)
      if (answer instanceof Error) throw answer
      return answer
    },
  }
  const context = {
    target: parseTargetFile({
      name: 'unit',
      issuer: 'https://op.example',
      clients: [{ client_id: 'c', client_secret: 'secret-1', redirect_uris: ['https://client.example.org/cb'] }],
      users: [{ username: 'alice', password: 'wonderland' }],
      login,
      capabilities,
    }),
    http: new HttpClient({ timeoutMs: 1000, secrets: [] }),
    driver,
    need: async () => ({
      endpoints: { authorization: 'https://op.example/authorize', token: 'https://op.example/token' },
    }),
    limit: (task: () => Promise<unknown>) => task(),
    simultaneously: (_: unknown, task: () => Promise<unknown>) => task(),
  } as unknown as GatherContext
  const outcome = await accessDeniedGatherer.gather(context).then(
    (evidence) => (evidence as Pick<Evidence, 'authzAccessDenied'>).authzAccessDenied,
    (error: unknown) => error as Error,
  )
  return { outcome, decisions }
}

const denied = callback({ error: 'access_denied', state: 'st' }, { sawConsent: true })
const noDeny = new ControlNotFound('the consent page has no deny control', 'login.consent.deny')
const noCancel = new ControlNotFound('the login page has no cancel control', 'login.cancel')

it('cancels on the login page when the target file names login.cancel', async () => {
  const { outcome, decisions } = await gather({ cancel: 'button#cancel' }, { cancel: denied })
  expect(decisions).toEqual(['cancel'])
  expect(outcome).toMatchObject({ how: 'cancel on the login page' })
})

it('denies consent first when the target file names both controls, and cancels when no consent page is shown', async () => {
  const both = { cancel: 'button#cancel', consent: { deny: 'a.deny' } }
  const first = await gather(both, { deny: denied, cancel: denied })
  expect(first.decisions).toEqual(['deny'])
  expect(first.outcome).toMatchObject({ how: 'deny on the consent page' })
  const code = callback({ code: 'c0de', state: 'st' }, { sawConsent: false })
  const second = await gather(both, { deny: code, cancel: denied })
  expect(second.decisions).toEqual(['deny', 'cancel'])
  expect(second.outcome).toMatchObject({ how: 'cancel on the login page' })
})

it('denies consent when the target file names login.consent.deny', async () => {
  const { outcome, decisions } = await gather({ consent: { deny: 'a.deny' } }, { deny: denied })
  expect(decisions).toEqual(['deny'])
  expect(outcome).toMatchObject({ how: 'deny on the consent page' })
})

it('denies consent with the inferred control when the form driver has no control named', async () => {
  const { outcome, decisions } = await gather({}, { deny: denied, cancel: denied })
  expect(decisions).toEqual(['deny'])
  expect(outcome).toMatchObject({ how: 'deny on the consent page, with the control the form driver inferred' })
})

it('cancels the login with the inferred control when the consent page has no deny control', async () => {
  const { outcome, decisions } = await gather({}, { deny: noDeny, cancel: denied })
  expect(decisions).toEqual(['deny', 'cancel'])
  expect(outcome).toMatchObject({ how: 'cancel on the login page, with the control the form driver inferred' })
})

it('cancels the login with the inferred control when no consent page is shown', async () => {
  const code = callback({ code: 'c0de', state: 'st' }, { sawConsent: false })
  const { outcome, decisions } = await gather({}, { deny: code, cancel: denied })
  expect(decisions).toEqual(['deny', 'cancel'])
  expect(outcome).toMatchObject({ how: 'cancel on the login page, with the control the form driver inferred' })
})

it('skips when neither a consent page nor a login page was shown: a code without a chance to refuse is no evidence', async () => {
  const code = callback({ code: 'c0de', state: 'st' }, { sawConsent: false, sawLogin: false })
  const { outcome, decisions } = await gather({}, { deny: code, cancel: code })
  expect(decisions).toEqual(['deny', 'cancel'])
  expect(outcome).toBeInstanceOf(EvidenceUnavailable)
  expect((outcome as Error).message).toMatch(/no consent page was shown.*; no login page was shown/)
  const named = await gather({ cancel: 'button#cancel' }, { cancel: code })
  expect((named.outcome as Error).message).toBe('no login page was shown, so the suite could not cancel the login')
})

it('does not look for a deny control when the target file says there is no consent page', async () => {
  const { decisions } = await gather({}, { cancel: denied }, { consent_page: false })
  expect(decisions).toEqual(['cancel'])
})

it('skips, naming both settings, when the driver infers neither a deny nor a cancel control', async () => {
  const { outcome } = await gather({}, { deny: noDeny, cancel: noCancel })
  expect(outcome).toBeInstanceOf(EvidenceUnavailable)
  expect((outcome as Error).message).toMatch(/could not refuse the request as a user: .*deny control.*cancel control/)
  expect((outcome as Error).message).toContain('name it with "login.consent.deny" or "login.cancel"')
})

it('skips instead of judging when an inferred control leads to a page of the server, not back to the client', async () => {
  const { outcome } = await gather({}, { deny: page(200) })
  expect(outcome).toBeInstanceOf(EvidenceUnavailable)
  expect((outcome as Error).message).toMatch(/deny control the form driver inferred led to a page .*HTTP 200/)
})

it('skips instead of erring when an inferred control derails the login', async () => {
  const derailed = new DriveError('the login page came back 3 times: the credentials were not accepted')
  const { outcome } = await gather({}, { deny: noDeny, cancel: derailed })
  expect(outcome).toBeInstanceOf(EvidenceUnavailable)
  expect((outcome as Error).message).toContain('set "login.cancel" to name the control')
})

it('keeps a named control strict: a page after it is judged, a derailed login is an error', async () => {
  const { outcome: shown } = await gather({ consent: { deny: 'a.deny' } }, { deny: page(200) })
  expect(shown).toMatchObject({ how: 'deny on the consent page' })
  const derailed = new DriveError('no control matching "a.deny"')
  const { outcome: failed } = await gather({ consent: { deny: 'a.deny' } }, { deny: derailed })
  expect(failed).toBe(derailed)
})

it('skips for the module driver, which has no way to refuse', async () => {
  const { outcome, decisions } = await gather({ driver: 'module', module: './login.mjs' }, {})
  expect(decisions).toEqual([])
  expect(outcome).toBeInstanceOf(EvidenceUnavailable)
  expect((outcome as Error).message).toContain('the module login driver only signs in')
})
