/**
 * How an app of examples/ reacts to each client-facing mock behaviour, until `codeflow client`
 * does this with checks and reports (docs/client-examples.md, "How the findings were measured"):
 * one fresh mock IdP and one fresh start of the app per behaviour (switched on by configuration,
 * so discovery and JWK Set deviations are seen too), one sign-in, and what came of it.
 *
 *   node --import tsx scripts/client-apps-matrix.ts examples/client-app/client-target.json [behaviour-id …]
 *
 * Prints one tab-separated line per behaviour: id, "signed in" | "refused" | "error", and the
 * reason the app gave (its refusal log line or page). Last, two rows that are not behaviours:
 * "(key rotation)" — a second sign-in after `rotateKeys({ graceMs: 0 })`, with the number of JWK Set
 * requests — and "(unknown kid)" — the JWK Set requests a sign-in under id-token-kid-unknown made.
 * A browser-driven target (signIn.driver "browser") runs in Chromium.
 */
import { resolve } from 'node:path'
import { type Browser, chromium } from 'playwright-core'
import { BEHAVIOURS } from '../mock-idp/behaviours/catalog.js'
import {
  type Rig,
  type SignInOutcome,
  signInOverHttp,
  signInWithChromium,
  startRig,
  unmet,
} from '../test/support/client-app-harness.js'
import { CHROMIUM_ARGS, requireChromium } from '../test/support/find-chromium.js'

/** The behaviours a client signing in with the code flow can see (not the server-side-only ones). */
const CLIENT_FACING =
  /^(id-token-|state-|iss-|discovery-|rfc8414-|jwks-|token-error-status-200|token-type-missing|userinfo-sub-|userinfo-not-json)/

const [targetArgument, ...chosen] = process.argv.slice(2)
if (targetArgument === undefined) {
  process.stderr.write('usage: client-apps-matrix.ts <client-target.json> [behaviour-id …]\n')
  process.exit(2)
}
const target = resolve(targetArgument)
const ids =
  chosen.length > 0 ? chosen : BEHAVIOURS.map((behaviour) => behaviour.id).filter((id) => CLIENT_FACING.test(id))
let browser: Browser | undefined

async function signIn(rig: Rig): Promise<SignInOutcome> {
  if (rig.target.signIn.driver !== 'browser') return signInOverHttp(rig)
  browser ??= await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS })
  return signInWithChromium(rig, browser)
}

/** "signed in" or "refused", with the app's reason: its refusal log line, else the page's text. */
async function verdict(rig: Rig, outcome: SignInOutcome): Promise<string> {
  if (unmet(rig.target.outcome.success, outcome).length === 0) return 'signed in'
  await new Promise((done) => setTimeout(done, 300)) // a refusal log line may trail the page
  const logged = /(sign-in refused: .*|\[auth_openidc:error\].*)/.exec(rig.app?.log() ?? '')?.[1]
  const page = outcome.body
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return `refused\t${outcome.status} ${(logged ?? page).slice(0, 240)}`
}

async function row(label: string, run: (rig: Rig) => Promise<string>, behaviours: string[] = []): Promise<void> {
  let line: string
  let rig: Rig | undefined
  try {
    rig = await startRig(target, { behaviours })
    line = await run(rig)
  } catch (error) {
    line = `error\t${String((error as Error).message)
      .split('\n')[0]!
      .slice(0, 240)}`
  } finally {
    await rig?.close()
  }
  process.stdout.write(`${label}\t${line}\n`)
}

await row('(none)', async (rig) => verdict(rig, await signIn(rig)))
for (const id of ids) await row(id, async (rig) => verdict(rig, await signIn(rig)), [id])
await row('(key rotation)', async (rig) => {
  await signIn(rig)
  await rig.idp.rotateKeys({ graceMs: 0 })
  const second = await verdict(rig, await signIn(rig))
  return `${second}\t(JWK Set requests: ${rig.idp.requests({ endpoint: 'jwks' }).length})`
})
await row('(unknown kid)', async (rig) => {
  await signIn(rig)
  const before = rig.idp.requests({ endpoint: 'jwks' }).length
  rig.idp.use({ behaviour: 'id-token-kid-unknown' })
  const outcome = await verdict(rig, await signIn(rig))
  return `${outcome}\t(JWK Set requests before: ${before}, after: ${rig.idp.requests({ endpoint: 'jwks' }).length})`
})
await browser?.close()
