import { createServer } from 'node:net'
import { expect, it, vi } from 'vitest'
import { checkBehaviourIds } from './behaviour-ids.js'
import { ConfigError, parseConfig } from './load.js'

// Counts the imports of the behaviour catalog (every behaviour module), which a config naming no
// behaviour must not cause.
const catalogImports = vi.hoisted(() => ({ count: 0 }))
vi.mock('../behaviours/catalog.js', async (importOriginal) => {
  catalogImports.count++
  return importOriginal()
})

const client = { client_id: 'app', client_secret: 'app-secret', redirect_uris: ['https://app.example/cb'] }

it('checks a config that names no behaviour without importing the behaviour catalog', async () => {
  await checkBehaviourIds(parseConfig({ clients: [client] }))
  expect(catalogImports.count).toBe(0)
})

it('names the path of every unknown id, in the top-level list and in a client, with the closest known id', async () => {
  const config = parseConfig({
    behaviours: ['iss-wrong', 'state-droped'],
    clients: [{ ...client, behaviours: ['iss-wrnog'] }],
  })
  const checked = checkBehaviourIds(config, 'config (idp.json)')
  await expect(checked).rejects.toThrow(ConfigError)
  await expect(checked).rejects.toThrow('Invalid mock IdP config (idp.json):')
  await expect(checked).rejects.toThrow(
    /behaviours\[1\]: unknown behaviour "state-droped"; did you mean "state-dropped"\?/,
  )
  await expect(checked).rejects.toThrow(
    /clients\[0\]\.behaviours\[0\]: unknown behaviour "iss-wrnog"; did you mean "iss-wrong"\?/,
  )
  await expect(checked).rejects.not.toThrow(/^ {2}- behaviours\[0\]:/m)
  expect(catalogImports.count).toBe(1)
})

it('accepts ids the catalog has', async () => {
  await expect(
    checkBehaviourIds(
      parseConfig({ behaviours: ['iss-wrong'], clients: [{ ...client, behaviours: ['state-dropped'] }] }),
    ),
  ).resolves.toBeUndefined()
})

it('refuses to start a server whose config names an unknown behaviour, before opening its port', async () => {
  // A free port, released at once: if serveMockIdp listened before checking, it would take it.
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
  const { serveMockIdp } = await import('../server.js')
  await expect(serveMockIdp({ port, log: { level: 'silent' }, behaviours: ['iss-wrnog'] })).rejects.toThrow(
    /behaviours\[0\]: unknown behaviour "iss-wrnog"/,
  )
  const reusable = await new Promise<boolean>((resolve) => {
    const again = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => again.close(() => resolve(true)))
  })
  expect(reusable).toBe(true)
})
