import { isLoopbackHost } from '../../../../core/loopback.js'
import { defineCheck, fail, info, pass, skip, warn } from '../../../harness/check.js'
import { estimateEntropy } from './entropy-estimate.js'

/**
 * Issuers on a loopback host are development servers (the mock IdP's public dev secrets): decided
 * by address (core/loopback.ts), so `127.attacker.example` is not one; `*.localhost` names are
 * loopback too (RFC 6761 §6.3).
 */
export function isLoopbackIssuer(issuer: string): boolean {
  try {
    const host = new URL(issuer).hostname
    return host.endsWith('.localhost') || isLoopbackHost(host)
  } catch {
    return false
  }
}

/**
 * This check judges the test client's configuration in the target file (its secret), not the
 * server's behaviour: a weak secret is the deployment's finding. On a loopback/dev issuer the
 * secrets are development credentials by design (the mock IdP prints them), so the result is
 * informational there and never fails the run.
 */
export default defineCheck({
  id: 'token.client-secret-strength',
  title: 'Configured client secrets carry at least 128 bits of entropy (160 recommended)',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-10.10', 'OIDCC-16.19'],
  needs: [],
  coveredBy: {
    oauch:
      'TokenEndpoint.ClientSecretEntropyMinReqTest, TokenEndpoint.ClientSecretEntropySugReqTest, IdTokens.ClientSecretLongEnoughTest',
  },
  evaluate: (_evidence, { target }) => {
    const clients = target.clients.filter((client) => client.client_secret !== undefined)
    if (clients.length === 0) return skip('the target file has no client with a client_secret')
    // Secrets never travel in findings: only the estimate does.
    const estimates = clients.map((client) => ({
      client: client.client_id,
      ...estimateEntropy([client.client_secret!]),
    }))
    const actual = estimates.map((estimate) => `${estimate.client}: about ${estimate.bits} bits (${estimate.basis})`)
    const weakest = estimates.reduce((min, estimate) => (estimate.bits < min.bits ? estimate : min))
    if (weakest.bits >= 160) return pass(undefined, { actual })
    const message = `the client_secret of "${weakest.client}" carries about ${weakest.bits} bits of entropy`
    if (isLoopbackIssuer(target.issuer))
      return info(`${message}; acceptable for a development server on a loopback issuer, not for production`, {
        actual,
      })
    // RFC 6749 §10.10: guessing probability "MUST be less than or equal to 2^(-128) and SHOULD be
    // less than or equal to 2^(-160)".
    if (weakest.bits < 128) return fail(`${message}, less than 128`, { expected: '≥ 128 bits', actual })
    return warn(`${message}, less than the recommended 160`, { expected: '≥ 160 bits', actual })
  },
})
