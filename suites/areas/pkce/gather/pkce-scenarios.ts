/**
 * PKCE scenarios (RFC 7636; RFC 9700 §2.1.1): each one varies the happy flow's PKCE parameters
 * in one way — at the authorization endpoint, at the token endpoint, or both — and records what
 * the server did at each step. The table at the bottom lists them; the checks in
 * suites/areas/pkce/checks/ judge them.
 *
 * Scenarios use the primary client (confidential when the target has one: a public client must
 * use PKCE anyway, so only a confidential client shows whether PKCE is enforced or merely
 * tolerated), except the public-client half of `pkceWithoutChallenge`.
 */
import { createHash } from 'node:crypto'
import type { CookieJar } from 'tough-cookie'
import type { Exchange } from '../../../../reports/run-result.js'
import { randomToken, s256 } from '../../../flows/authorization-request.js'
import { primaryClient, publicClient } from '../../../flows/clients.js'
import { redeemStep } from '../../../flows/code-flow.js'
import { attemptCodeFlow, flowAttemptOf } from '../../../flows/flow-attempt.js'
import { DriveError, EvidenceUnavailable } from '../../../harness/evidence.js'
import { type AnyGatherer, defineGatherer, type GatherContext } from '../../../harness/gatherer.js'
import type { TargetClient } from '../../../harness/target.js'

/** What the authorization endpoint did with the request. */
export type AuthorizationOutcome =
  /** Redirected back with a code. */
  | { kind: 'code' }
  /** Redirected back with an error (RFC 6749 §4.1.2.1). */
  | { kind: 'error'; error: string; description?: string }
  /** Stopped on a page of its own (an error page), with its HTTP status. */
  | { kind: 'page'; status: number }

/** What the token endpoint answered to the code exchange. */
export interface TokenAttempt {
  status: number
  /** The parsed JSON body, if any. */
  body?: Record<string, unknown>
  exchange?: Exchange
}

export interface PkceScenario {
  label: string
  clientId: string
  /** The PKCE parameters sent (`code_verifier` at the token endpoint; absent = not sent). */
  sent: { code_challenge?: string; code_challenge_method?: string; code_verifier?: string }
  authorization: AuthorizationOutcome
  /** Absent when no code came back. */
  token?: TokenAttempt
  exchanges: Exchange[]
}

export interface PkceWithoutChallengeEvidence {
  /** The primary (confidential when available) client, no PKCE at all. */
  confidential: PkceScenario
  /** The public client, no PKCE at all; absent with the reason when the target has none. */
  public?: PkceScenario
  publicUnavailable?: string
  /** Whether `confidential` really is confidential (the target may only have public clients). */
  confidentialIsConfidential: boolean
}

declare module '../../../harness/evidence.js' {
  interface Evidence {
    pkceS256: PkceScenario
    pkceWrongVerifier: PkceScenario
    pkceMissingVerifier: PkceScenario
    pkceVerifierWithoutChallenge: PkceScenario
    pkceDowngradeToPlain: PkceScenario
    pkcePlain: PkceScenario
    pkceMethodOmitted: PkceScenario
    pkceUnknownMethod: PkceScenario
    pkceVerifierSyntax: PkceScenario[]
    pkceChallengeSyntax: PkceScenario[]
    pkceWithoutChallenge: PkceWithoutChallengeEvidence
  }
}

interface ScenarioOptions {
  label: string
  client?: TargetClient
  jar?: CookieJar
  /** `undefined` leaves the parameter out. */
  challenge?: string
  method?: string
  /** `undefined` sends no code_verifier. */
  verifier?: string
  /** The authorization request is otherwise the happy one: anything but a code is a drive failure. */
  expectCode?: boolean
}

/**
 * The code flow with the scenario's PKCE parameters in the authorization request, whatever the
 * authorization endpoint answers, and the scenario's verifier (or none) in the token request; the
 * ID token is not read (no PKCE check judges it).
 */
function pkceFlow(verifier: string | undefined) {
  return attemptCodeFlow.replace('redeem', redeemStep({ codeVerifier: verifier ?? null })).remove('id-token')
}

/** Authorizes with the given PKCE parameters and, when a code comes back, redeems it with `verifier`. */
export async function runPkceScenario(
  context: GatherContext,
  options: ScenarioOptions,
): Promise<PkceScenario & { jar: CookieJar }> {
  const client = options.client ?? primaryClient(context.target)
  const flow = await pkceFlow(options.verifier).run(context, {
    options: {
      label: options.label,
      client,
      jar: options.jar,
      pkce: 'none',
      overrides: { code_challenge: options.challenge, code_challenge_method: options.method },
    },
  })
  const { attempt, token } = flowAttemptOf(flow)
  const sent = {
    ...(options.challenge === undefined ? {} : { code_challenge: options.challenge }),
    ...(options.method === undefined ? {} : { code_challenge_method: options.method }),
    ...(options.verifier === undefined ? {} : { code_verifier: options.verifier }),
  }
  const exchanges = [...attempt.result.exchanges]
  const { result } = attempt
  let authorization: AuthorizationOutcome
  if (result.kind === 'page') authorization = { kind: 'page', status: result.status }
  else if (result.params.code) authorization = { kind: 'code' }
  else if (result.params.error)
    authorization = {
      kind: 'error',
      error: result.params.error,
      ...(result.params.error_description ? { description: result.params.error_description } : {}),
    }
  else throw new DriveError(`${options.label}: the authorization response has neither "code" nor "error"`)
  if (options.expectCode && authorization.kind !== 'code') {
    throw new DriveError(
      `${options.label}: an authorization request with a valid S256 challenge got no code (${authorization.kind === 'error' ? `error=${authorization.error}` : `a page, HTTP ${authorization.status}`})`,
    )
  }
  const base = { label: options.label, clientId: client.client_id, sent, authorization, jar: attempt.jar }
  if (!token) return { ...base, exchanges }
  exchanges.push(token.exchange)
  return {
    ...base,
    token: { status: token.status, ...(token.body ? { body: token.body } : {}), exchange: token.exchange },
    exchanges,
  }
}

function strip(scenario: PkceScenario & { jar?: CookieJar }): PkceScenario {
  const { jar: _jar, ...rest } = scenario
  return rest
}

/** A well-formed verifier (RFC 7636 §4.1: 43–128 unreserved characters) and its S256 challenge. */
function pair(): { verifier: string; challenge: string } {
  const verifier = randomToken(32)
  return { verifier, challenge: s256(verifier) }
}

/** A verifier whose standard-base64 SHA-256 contains "+" or "/", i.e. differs from base64url. */
function base64Pair(): { verifier: string; challenge: string } {
  for (;;) {
    const verifier = randomToken(32)
    const challenge = createHash('sha256').update(verifier).digest('base64')
    if (/[+/]/.test(challenge)) return { verifier, challenge }
  }
}

const single = <K extends 'pkceS256' | 'pkceWrongVerifier' | 'pkceMissingVerifier' | 'pkceVerifierWithoutChallenge'>(
  key: K,
  id: string,
  make: () => ScenarioOptions,
): AnyGatherer =>
  defineGatherer({
    id,
    provides: [key],
    gather: async (context) => ({ [key]: strip(await runPkceScenario(context, make())) }) as never,
  })

/** The PKCE scenarios, one line each: what differs from the happy flow. */
export const pkceGatherers: AnyGatherer[] = [
  // RFC 7636 §4.2, §4.6: the S256 challenge and its own verifier — what must work. A scenario of
  // its own, not the happy flow, so that a server that gets S256 wrong fails pkce.s256 rather than
  // stopping every check that needs the happy flow.
  single('pkceS256', 'pkce-s256', () => ({
    label: 'pkce: S256 challenge, the matching verifier',
    ...pair(),
    method: 'S256',
    expectCode: true,
  })),
  // RFC 7636 §4.6: a different, well-formed verifier.
  single('pkceWrongVerifier', 'pkce-wrong-verifier', () => ({
    label: 'pkce: S256 challenge, a different verifier',
    challenge: pair().challenge,
    method: 'S256',
    verifier: pair().verifier,
    expectCode: true,
  })),
  // RFC 7636 §4.5: the verifier left out.
  single('pkceMissingVerifier', 'pkce-missing-verifier', () => ({
    label: 'pkce: S256 challenge, no code_verifier',
    challenge: pair().challenge,
    method: 'S256',
    expectCode: true,
  })),
  // RFC 9700 §2.1.1: no challenge, but a verifier at the token endpoint (PKCE downgrade).
  single('pkceVerifierWithoutChallenge', 'pkce-verifier-without-challenge', () => ({
    label: 'pkce: no code_challenge, a code_verifier at the token endpoint',
    verifier: pair().verifier,
  })),
  // RFC 7636 §7.2: the challenge itself presented as a plain verifier.
  defineGatherer({
    id: 'pkce-downgrade-to-plain',
    provides: ['pkceDowngradeToPlain'],
    gather: async (context) => {
      const { challenge } = pair()
      return {
        pkceDowngradeToPlain: strip(
          await runPkceScenario(context, {
            label: 'pkce: S256 challenge, the challenge itself as code_verifier',
            challenge,
            method: 'S256',
            verifier: challenge,
            expectCode: true,
          }),
        ),
      }
    },
  }),
  // RFC 7636 §4.2: code_challenge_method=plain, redeemed with verifier == challenge.
  defineGatherer({
    id: 'pkce-plain',
    provides: ['pkcePlain'],
    gather: async (context) => {
      const { verifier } = pair()
      return {
        pkcePlain: strip(
          await runPkceScenario(context, {
            label: 'pkce: code_challenge_method=plain',
            challenge: verifier,
            method: 'plain',
            verifier,
          }),
        ),
      }
    },
  }),
  // RFC 7636 §4.3: no code_challenge_method, which means plain. The challenge is an S256 value, so
  // a server that silently assumes S256 is told apart from one that treats it as plain.
  defineGatherer({
    id: 'pkce-method-omitted',
    provides: ['pkceMethodOmitted'],
    gather: async (context) => {
      const { challenge } = pair()
      return {
        pkceMethodOmitted: strip(
          await runPkceScenario(context, {
            label: 'pkce: code_challenge without code_challenge_method, redeemed as plain',
            challenge,
            verifier: challenge,
          }),
        ),
      }
    },
  }),
  // RFC 7636 §4.4.1: a method the server cannot support.
  defineGatherer({
    id: 'pkce-unknown-method',
    provides: ['pkceUnknownMethod'],
    gather: async (context) => {
      const { verifier, challenge } = pair()
      return {
        pkceUnknownMethod: strip(
          await runPkceScenario(context, {
            label: 'pkce: code_challenge_method=S512',
            challenge,
            method: 'S512',
            verifier,
          }),
        ),
      }
    },
  }),
  // RFC 7636 §4.1: verifiers of 3, 42 and 129 characters and one with an illegal character, each
  // with its own correct S256 challenge, so only the verifier's syntax is wrong. One session.
  defineGatherer({
    id: 'pkce-verifier-syntax',
    provides: ['pkceVerifierSyntax'],
    gather: async (context) => {
      const variants: Array<[string, string]> = [
        ['3 characters', 'abc'],
        ['42 characters', randomToken(32).slice(0, 42)],
        ['129 characters', `${randomToken(96)}${randomToken(3)}`.slice(0, 129)],
        ['an illegal character "+"', `${randomToken(32).slice(0, 42)}+`],
      ]
      const scenarios: PkceScenario[] = []
      let jar: CookieJar | undefined
      for (const [what, verifier] of variants) {
        const scenario = await runPkceScenario(context, {
          label: `pkce: code_verifier of ${what}`,
          jar,
          challenge: s256(verifier),
          method: 'S256',
          verifier,
          expectCode: true,
        })
        jar = scenario.jar
        scenarios.push(strip(scenario))
      }
      return { pkceVerifierSyntax: scenarios }
    },
  }),
  // RFC 7636 §4.2: a 10-character challenge, and a standard-base64 (not base64url) one.
  defineGatherer({
    id: 'pkce-challenge-syntax',
    provides: ['pkceChallengeSyntax'],
    gather: async (context) => {
      const short = await runPkceScenario(context, {
        label: 'pkce: code_challenge of 10 characters',
        challenge: randomToken(8).slice(0, 10),
        method: 'S256',
        verifier: pair().verifier,
      })
      const base64 = base64Pair()
      const notBase64url = await runPkceScenario(context, {
        label: 'pkce: code_challenge in standard base64 (with "+" "/" "=")',
        jar: short.jar,
        challenge: base64.challenge,
        method: 'S256',
        verifier: base64.verifier,
      })
      return { pkceChallengeSyntax: [strip(short), strip(notBase64url)] }
    },
  }),
  // RFC 9700 §2.1.1: no PKCE at all, for the confidential and for the public client.
  defineGatherer({
    id: 'pkce-without-challenge',
    provides: ['pkceWithoutChallenge'],
    gather: async (context) => {
      const client = primaryClient(context.target)
      const confidential = await runPkceScenario(context, {
        label: `pkce: no PKCE at all (client "${client.client_id}")`,
        client,
      })
      let pub: TargetClient | undefined
      let publicUnavailable: string | undefined
      try {
        pub = publicClient(context.target)
      } catch (error) {
        if (!(error instanceof EvidenceUnavailable)) throw error
        publicUnavailable = error.reason
      }
      const publicScenario = pub
        ? await runPkceScenario(context, {
            label: `pkce: no PKCE at all (public client "${pub.client_id}")`,
            client: pub,
            jar: confidential.jar,
          })
        : undefined
      return {
        pkceWithoutChallenge: {
          confidential: strip(confidential),
          ...(publicScenario ? { public: strip(publicScenario) } : {}),
          ...(publicUnavailable ? { publicUnavailable } : {}),
          confidentialIsConfidential: client.token_endpoint_auth_method !== 'none',
        },
      }
    },
  }),
]
