import { expect, it } from 'vitest'
import { isLoopbackIssuer } from './checks/client-secret-strength.js'

it('treats loopback issuers as development servers, by address', () => {
  for (const issuer of [
    'http://127.0.0.1:8080',
    'http://127.1.2.3',
    'http://localhost:3000',
    'http://[::1]:8080',
    'http://app.localhost',
  ])
    expect(isLoopbackIssuer(issuer), issuer).toBe(true)
})

it('does not treat a name that merely starts with 127. as loopback', () => {
  for (const issuer of ['https://127.attacker.example', 'https://op.example.com', 'not a url'])
    expect(isLoopbackIssuer(issuer), issuer).toBe(false)
})
