import { expect, it } from 'vitest'
import { isLoopbackHost } from './loopback.js'

it('counts every address in 127.0.0.0/8 and ::1 as loopback, in any notation', () => {
  for (const host of ['127.0.0.1', '127.8.9.10', '127.1', '0x7f000001', '::1', '[::1]', '[0:0:0:0:0:0:0:1]'])
    expect(isLoopbackHost(host), host).toBe(true)
})

it('counts the IPv4-mapped form of a 127/8 address as loopback', () => {
  expect(isLoopbackHost('::ffff:127.0.0.1')).toBe(true)
  expect(isLoopbackHost('[::ffff:7f00:1]')).toBe(true)
  expect(isLoopbackHost('::ffff:10.0.0.1')).toBe(false)
})

it('counts the literal name localhost, in any case, as loopback', () => {
  expect(isLoopbackHost('localhost')).toBe(true)
  expect(isLoopbackHost('LocalHost')).toBe(true)
})

it('does not count a name that merely starts with 127. or contains localhost as loopback', () => {
  for (const host of [
    '127.attacker.example',
    '127.0.0.1.nip.io',
    'localhost.attacker.example',
    'app.localhost',
    'localhost.',
  ])
    expect(isLoopbackHost(host), host).toBe(false)
})

it('does not count listen-all, private or public addresses as loopback', () => {
  for (const host of ['0.0.0.0', '::', '[::]', '10.0.0.1', '192.168.1.2', '128.0.0.1', '::2', 'example.com', ''])
    expect(isLoopbackHost(host), host).toBe(false)
})

it('does not mistake a host with a path, user or port smuggled in for loopback', () => {
  for (const host of ['127.0.0.1@evil.example', 'evil.example/127.0.0.1', 'evil.example#127.0.0.1'])
    expect(isLoopbackHost(host), host).toBe(false)
})
