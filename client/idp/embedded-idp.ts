/** The mock IdP started in process for a client run (the default when no `--issuer` is given). */
import { defaultUsers } from '../../mock-idp/config/defaults.js'
import { createMockIdp, type MockIdpConfigInput } from '../../mock-idp/index.js'
import type { IdpConnection, IssuerConfig, IssuerHandle } from './idp-connection.js'

export async function startEmbeddedIdp(): Promise<IdpConnection> {
  // Loopback only: the partner's app reaches it on this machine; nobody else needs to.
  const idp = await createMockIdp({ host: '127.0.0.1', log: { level: 'silent' } })
  return {
    url: idp.url,
    addIssuer: async (id: string, config: IssuerConfig): Promise<IssuerHandle> => {
      const added = await idp.addIssuer(id, config as MockIdpConfigInput)
      return {
        issuer: added.issuer,
        use: async (override) => added.use(override),
        requests: async (options) => added.requests(options?.redact === false ? { redact: false } : {}),
        reset: () => added.reset(),
        rotateKeys: (options) => added.rotateKeys(options),
        now: async () => Math.floor(added.clock.now() / 1000),
        firstUser: () => defaultUsers[0],
        remove: () => added.remove(),
      }
    },
    close: () => idp.close(),
  }
}
