/**
 * Child process for the suite-with-latency measurement (suite-time.ts): the Codeflow mock IdP on
 * a free loopback port with `delayMs` added to every response of every endpoint (persistent
 * `use({ endpoint, delayMs })` overrides, one per endpoint name), like an authorization server a
 * network away. It writes its own target file to the path given, prints one JSON line
 * `{"url", "target"}` on stdout when ready, and stops on SIGTERM/SIGINT or when its stdin closes
 * (the bench went away).
 *
 *   node --import tsx bench/delayed-mock.ts <target-file.json> [delayMs=50]
 *
 * Loads the build (dist/) when present, like the bench's Codeflow server, else the sources.
 */
import { writeFileSync } from 'node:fs'
import { codeflowBuild } from './codeflow-build.js'

type MockIdpModule = typeof import('../mock-idp/index.js')
type OverrideModule = typeof import('../mock-idp/endpoints/endpoint-name.js')

const [targetPath, delayArgument = '50'] = process.argv.slice(2)
if (!targetPath) throw new Error('usage: delayed-mock.ts <target-file.json> [delayMs]')
const delayMs = Number(delayArgument)
if (!Number.isInteger(delayMs) || delayMs < 0)
  throw new Error(`delayMs must be a whole number ≥ 0, got ${delayArgument}`)

const fromBuild = codeflowBuild().exists
const mockModule = (path: string) =>
  import(new URL(fromBuild ? `../dist/mock-idp/${path}.js` : `../mock-idp/${path}.ts`, import.meta.url).href)
const { createMockIdp } = (await mockModule('index')) as MockIdpModule
const { ENDPOINT_NAMES } = (await mockModule('endpoints/endpoint-name')) as OverrideModule

const idp = await createMockIdp({ log: { level: 'silent' } })
for (const endpoint of ENDPOINT_NAMES) idp.use({ endpoint, delayMs, persistent: true })
writeFileSync(targetPath, JSON.stringify(idp.targetFile(), null, 2))
process.stdout.write(
  `${JSON.stringify({ url: idp.url, target: targetPath, delayMs, endpoints: ENDPOINT_NAMES.length })}\n`,
)

let stopping = false
const stop = () => {
  if (stopping) return
  stopping = true
  void idp.close().finally(() => process.exit(0))
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
process.stdin.on('end', stop)
process.stdin.resume()
