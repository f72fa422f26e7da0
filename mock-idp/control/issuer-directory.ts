/** Issuers added by path, as the root issuer's control API (`/_codeflow/issuers`) sees them (issuers.ts). */
export interface IssuerDirectory {
  add(id: string, config?: Record<string, unknown>): Promise<{ id: string; issuer: string }>
  remove(id: string): Promise<boolean>
  list(): Array<{ id: string; issuer: string }>
}
