import { expect, it } from 'vitest'
import { connectableHost } from './connectable-host.js'

it('names the IPv4 loopback for a server listening on all interfaces', () => {
  expect(connectableHost('0.0.0.0')).toBe('127.0.0.1')
  expect(connectableHost('::')).toBe('127.0.0.1')
  expect(connectableHost('[::]')).toBe('127.0.0.1')
})

it('keeps any other host, with an IPv6 address bracketed for a URL', () => {
  expect(connectableHost('127.0.0.1')).toBe('127.0.0.1')
  expect(connectableHost('localhost')).toBe('localhost')
  expect(connectableHost('::1')).toBe('[::1]')
  expect(connectableHost('[::1]')).toBe('[::1]')
})
