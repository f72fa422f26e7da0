/**
 * The host a client on this machine connects to for a server listening on `host`: a listen-all
 * address (0.0.0.0, ::) is no destination, so its URL names the IPv4 loopback; an IPv6 address is
 * bracketed as a URL needs it (RFC 3986 §3.2.2).
 */
export function connectableHost(host: string): string {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host
  if (bare === '0.0.0.0' || bare === '::') return '127.0.0.1'
  return bare.includes(':') ? `[${bare}]` : bare
}
