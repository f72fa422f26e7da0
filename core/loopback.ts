/**
 * Whether a host is the loopback interface, decided by its address, never by how its name starts.
 *
 * Loopback is 127.0.0.0/8 (RFC 1122 §3.2.1.3), ::1 (RFC 4291 §2.5.3) and an IPv4-mapped form of
 * either, plus the literal name `localhost` (RFC 6761 §6.3 reserves it for loopback). Any other
 * name is not loopback, even one that resolves there: `127.attacker.example` is a name anyone can
 * register, and no DNS answer is trusted to make a host local.
 *
 * The host is parsed as a URL parser would (WHATWG URL), so `127.1`, `0x7f000001` and
 * `[0:0:0:0:0:0:0:1]` are the addresses they denote, as they are to `inet_aton` when a server
 * binds to them.
 */
import { isIP } from 'node:net'

/** `host` as a URL's hostname or a listen address: `127.0.0.1`, `[::1]`, `::1`, `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const canonical = canonicalHost(host)
  if (canonical === undefined) return false
  if (canonical === 'localhost') return true
  const bare = canonical.startsWith('[') ? canonical.slice(1, -1) : canonical
  switch (isIP(bare)) {
    case 4:
      return bare.startsWith('127.')
    case 6:
      return bare === '::1' || isMappedLoopback(bare)
    default:
      return false
  }
}

/** The hostname a URL parser makes of `host` (lower case, IP literals normalised), or undefined. */
function canonicalHost(host: string): string | undefined {
  const trimmed = host.trim()
  if (trimmed === '' || /[/?#@\s]/.test(trimmed)) return undefined
  const literal = trimmed.includes(':') && !trimmed.startsWith('[') ? `[${trimmed}]` : trimmed
  try {
    return new URL(`http://${literal}/`).hostname
  } catch {
    return undefined
  }
}

/** `::ffff:7f00:1` is 127.0.0.1 in IPv6 form (RFC 4291 §2.5.5.2). */
function isMappedLoopback(address: string): boolean {
  const match = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(address)
  return match !== null && Number.parseInt(match[1]!, 16) >> 8 === 127
}
