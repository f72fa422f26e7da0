import { describe, expect, it } from 'vitest'
import { oauthError } from '../test-support/back-channel.js'
import { formDecode, readBasicCredentials } from './client-secret-basic.js'

const header = (raw: string) => `Basic ${Buffer.from(raw).toString('base64')}`

describe('client_secret_basic credentials', () => {
  it('reads the source document sample header as client s6BhdRkqt3 with secret gX1fBat3bV', () => {
    expect(readBasicCredentials('Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW')).toEqual({
      method: 'client_secret_basic',
      clientId: 's6BhdRkqt3',
      clientSecret: 'gX1fBat3bV',
    })
  })

  it('form-decodes both halves: "+" is a space and %XX an octet', () => {
    expect(readBasicCredentials(header('my+client:p%3As+s%25%2B%C3%A9')).clientId).toBe('my client')
    expect(readBasicCredentials(header('my+client:p%3As+s%25%2B%C3%A9')).clientSecret).toBe('p:s s%+é')
  })

  it('splits at the first colon, so a raw colon stays in the secret', () => {
    expect(readBasicCredentials(header('client:a:b')).clientSecret).toBe('a:b')
  })

  it('accepts the scheme name in any case', () => {
    expect(readBasicCredentials('bAsIc czZCaGRSa3F0MzpnWDFmQmF0M2JW').clientId).toBe('s6BhdRkqt3')
  })

  it('rejects a secret whose "%" is not a valid escape as invalid_client with a Basic challenge', async () => {
    const error = await oauthError(() => readBasicCredentials(header('client:100%')))
    expect(error.error).toBe('invalid_client')
    expect(error.status).toBe(401)
    expect(error.headers['WWW-Authenticate']).toMatch(/^Basic /)
  })

  it('rejects credentials without a colon', async () => {
    expect((await oauthError(() => readBasicCredentials(header('no-colon')))).error).toBe('invalid_client')
  })

  it('rejects a value that is not base64', async () => {
    expect((await oauthError(() => readBasicCredentials('Basic ***'))).error).toBe('invalid_client')
    expect((await oauthError(() => readBasicCredentials('Basic YWJj=x'))).error).toBe('invalid_client')
  })

  it('rejects base64 with wrong padding instead of repairing it', async () => {
    expect((await oauthError(() => readBasicCredentials('Basic YTpi='))).error).toBe('invalid_client')
  })

  it('rejects credentials that are not UTF-8', async () => {
    const latin1 = `Basic ${Buffer.from([0x63, 0x3a, 0xe9]).toString('base64')}`
    expect((await oauthError(() => readBasicCredentials(latin1))).error).toBe('invalid_client')
  })

  it('rejects another scheme and a Basic header without credentials', async () => {
    expect((await oauthError(() => readBasicCredentials('Bearer abc'))).error).toBe('invalid_client')
    expect((await oauthError(() => readBasicCredentials('Basic'))).error).toBe('invalid_client')
  })

  it('rejects an empty client_id', async () => {
    expect((await oauthError(() => readBasicCredentials(header(':secret')))).error).toBe('invalid_client')
  })

  it('decodes form-urlencoding strictly', async () => {
    expect(formDecode('a+b%20c')).toBe('a b c')
    expect((await oauthError(() => formDecode('%E9'))).error).toBe('invalid_client')
  })
})
