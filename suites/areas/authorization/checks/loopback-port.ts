import { defineCheck, info, pass } from '../../../harness/check.js'
import { describe, exchangesOf } from './judge.js'

export default defineCheck({
  id: 'authz.loopback-port',
  title: 'A loopback redirect URI is accepted on any port (RFC 8252 §7.3)',
  area: 'authorization',
  level: 'MAY',
  spec: ['RFC8252-7.3', 'RFC9700-2.1'],
  needs: ['authzLoopbackPort'],
  dependsOnSetup:
    'the kind of client: RFC 8252 §7.3 requires any port for native apps, while a web client may be held to its registered port, so a refusal is only reported and says so',
  evaluate: ({ authzLoopbackPort: flow }) => {
    const { result } = flow.attempt
    const exchanges = exchangesOf(flow)
    // RFC 8252 §7.3: "The authorization server MUST allow any port to be specified at the time of
    // the request for loopback IP redirect URIs". It applies to native apps; servers that register
    // web clients with loopback URIs may match exactly, so this is reported, not judged.
    if (result.kind === 'callback' && result.params.code !== undefined)
      return pass(`"${flow.sent}" was accepted for the registered "${flow.registered}"`, { exchanges })
    return info(
      `"${flow.sent}" (registered: "${flow.registered}") was not accepted: ${describe(result)} — fine for web clients, wrong for native apps`,
      {
        exchanges,
      },
    )
  },
})
