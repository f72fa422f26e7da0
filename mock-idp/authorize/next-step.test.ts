import { describe, expect, it } from 'vitest'
import { sampleClient } from '../config/defaults.js'
import type { ClientConfig } from '../config/schema.js'
import type { AuthorizationRequest, SessionRecord } from '../store/records.js'
import { nextStep } from './next-step.js'

const NOW = 1_700_000_000
const request: AuthorizationRequest = {
  clientId: 's6BhdRkqt3',
  redirectUri: 'https://client.example.org/cb',
  responseType: 'code',
  responseMode: 'query',
  scope: ['openid', 'profile'],
  prompt: [],
}
const session: SessionRecord = {
  id: 'sid',
  sub: '248289761001',
  authTime: NOW - 100,
  consents: { s6BhdRkqt3: ['openid', 'profile', 'email'] },
}
const client: ClientConfig = sampleClient

function next(
  overrides: Partial<AuthorizationRequest>,
  options: { session?: SessionRecord | null; client?: ClientConfig; authenticatedNow?: boolean } = {},
) {
  return nextStep({
    request: { ...request, ...overrides },
    client: options.client ?? client,
    session: options.session === null ? undefined : (options.session ?? session),
    now: NOW,
    authenticatedNow: options.authenticatedNow ?? false,
  })
}

describe('next step after validation', () => {
  it('shows the login page without a session', () => {
    expect(next({}, { session: null }).kind).toBe('login')
  })

  it('issues the code for a session that already consented to every requested scope', () => {
    expect(next({}).kind).toBe('issue')
  })

  it('answers login_required to prompt=none when id_token_hint names another user than the session', () => {
    const hint = (sub: string) => `e30.${Buffer.from(JSON.stringify({ sub })).toString('base64url')}.sig`
    const other = next({ prompt: ['none'], idTokenHint: hint('248289761002') })
    expect(other.kind === 'error' && other.error.error).toBe('login_required')
    expect(next({ idTokenHint: hint('248289761002') }).kind).toBe('login')
    expect(next({ prompt: ['none'], idTokenHint: hint('248289761001') }).kind).toBe('issue')
  })

  it('asks for consent when a requested scope was not consented before', () => {
    expect(next({ scope: ['openid', 'address'] }).kind).toBe('consent')
  })

  it('skips consent for a client registered with skip_consent', () => {
    expect(next({ scope: ['openid', 'address'] }, { client: { ...client, skip_consent: true } }).kind).toBe('issue')
  })

  it('asks for consent again with prompt=consent', () => {
    expect(next({ prompt: ['consent'] }).kind).toBe('consent')
  })

  it('answers login_required for prompt=none without a session', () => {
    const result = next({ prompt: ['none'] }, { session: null })
    expect(result.kind === 'error' && result.error.error).toBe('login_required')
  })

  it('answers consent_required for prompt=none when consent is missing', () => {
    const result = next({ prompt: ['none'], scope: ['openid', 'address'] })
    expect(result.kind === 'error' && result.error.error).toBe('consent_required')
  })

  it('forces the login page with prompt=login despite a session', () => {
    expect(next({ prompt: ['login'] }).kind).toBe('login')
  })

  it('shows the login page for prompt=select_account', () => {
    expect(next({ prompt: ['select_account'] }).kind).toBe('login')
  })

  it('forces a new login when the last one is older than max_age', () => {
    expect(next({ maxAge: 99 }).kind).toBe('login')
    expect(next({ maxAge: 100 }).kind).toBe('issue')
  })

  it('treats max_age=0 like prompt=login', () => {
    expect(next({ maxAge: 0 }).kind).toBe('login')
  })

  it('answers login_required for prompt=none when max_age is exceeded', () => {
    const result = next({ prompt: ['none'], maxAge: 10 })
    expect(result.kind === 'error' && result.error.error).toBe('login_required')
  })

  it('does not ask for another login right after one (prompt=login satisfied)', () => {
    expect(next({ prompt: ['login'], maxAge: 0 }, { authenticatedNow: true }).kind).toBe('issue')
  })
})

describe('next step with a session rule waived by a behaviour', () => {
  const waiving = (rule: string) => ({ enforces: (name: string) => name !== rule })
  const nextWith = (rule: string, overrides: Partial<AuthorizationRequest>, withSession = true) =>
    nextStep({
      request: { ...request, ...overrides },
      client,
      session: withSession ? session : undefined,
      now: NOW,
      behaviours: waiving(rule),
    })

  it('shows the login page for prompt=none without a session when prompt-none-no-ui is waived', () => {
    expect(nextWith('prompt-none-no-ui', { prompt: ['none'] }, false).kind).toBe('login')
  })

  it('answers login_required to prompt=none with a session when prompt-none-uses-session is waived', () => {
    const step = nextWith('prompt-none-uses-session', { prompt: ['none'] })
    expect(step.kind === 'error' && step.error.error).toBe('login_required')
  })

  it('keeps the session for an elapsed max_age when max-age-reauthenticates is waived', () => {
    expect(nextWith('max-age-reauthenticates', { maxAge: 10 }).kind).toBe('issue')
  })

  it('asks for a login within max_age when max-age-keeps-recent-login is waived', () => {
    expect(nextWith('max-age-keeps-recent-login', { maxAge: 10_000 }).kind).toBe('login')
  })

  it('treats max_age=0 as absent when max-age-zero-reauthenticates is waived', () => {
    expect(nextWith('max-age-zero-reauthenticates', { maxAge: 0 }).kind).toBe('issue')
  })

  it('ignores prompt=login and prompt=consent when their rules are waived', () => {
    expect(nextWith('prompt-login-reauthenticates', { prompt: ['login'] }).kind).toBe('issue')
    expect(nextWith('prompt-consent-asks', { prompt: ['consent'] }).kind).toBe('issue')
  })
})
