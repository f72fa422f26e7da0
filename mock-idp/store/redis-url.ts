/** A Redis URL as it may be shown (logs, start-up summary, errors): its password replaced. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password !== '') parsed.password = '***'
    return parsed.toString()
  } catch {
    return 'an unparsable redis URL'
  }
}
