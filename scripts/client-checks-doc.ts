/**
 * docs/client-checks.md, generated from the client check catalog (client/checks/) by
 * `npm run schemas`: every client check with its level, the sentence the client must follow, what
 * is armed at the mock and its OpenID Foundation RP test; then every behaviour of the mock that no
 * client check arms, with the reason.
 */

import { clientChecks } from '../client/checks/catalog.js'
import { CLIENT_AREAS, type ClientCheck, describeArming } from '../client/checks/client-check.js'
import { notClientChecks } from '../client/checks/not-client-checks.js'

export const CLIENT_CHECKS_DOC = 'docs/client-checks.md'

const KIND: Record<ClientCheck['kind'], string> = {
  'must-reject': 'must reject',
  'must-accept': 'must accept',
  observed: 'observed',
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ')

export function clientChecksDoc(): string {
  const lines = [
    '# Client checks',
    '',
    '<!-- Generated from client/checks/ by `npm run schemas`; a test fails when it is out of date. Do not edit by hand. -->',
    '',
    'What `codeflow client` checks ([the user guide](client-conformance.md)). Each **must reject** check arms one',
    'deviation of the mock IdP ([behaviours](behaviours.md)) for one sign-in and passes when the app refuses it;',
    'each **must accept** check arms an answer that is unusual but correct and passes when the app signs the user',
    'in; each **observed** check judges the requests the app sent during normal sign-ins. A failed check counts at',
    'its level: MUST → failed, SHOULD → warning, MAY → passed with a note (informational). Checks marked',
    '"fresh issuer" run on an issuer of their own with the app restarted for it.',
    '',
    'The last column names the [OpenID Foundation RP certification](https://openid.net/certification/connect_rp_testing/)',
    'test that covers the same ground; **beyond OIDF** marks checks with no counterpart there.',
    '',
    `${clientChecks.length} checks.`,
  ]
  for (const [area, title] of Object.entries(CLIENT_AREAS)) {
    const checks = clientChecks.filter((check) => check.area === area)
    if (checks.length === 0) continue
    lines.push(
      '',
      `## ${title}`,
      '',
      '| check | level | kind | what the client must do | armed at the mock | OpenID RP test |',
      '| --- | --- | --- | --- | --- | --- |',
    )
    for (const check of checks)
      lines.push(
        `| \`${check.id}\`<br>${cell(check.title)} | ${check.level} | ${KIND[check.kind]} | ${cell(check.rule)} (${check.spec.join(', ')}) | ${cell(describeArming(check))} | ${check.oidf ? `\`${check.oidf}\`` : '**beyond OIDF**'} |`,
      )
  }
  lines.push(
    '',
    '## Behaviours that are not client checks',
    '',
    'Every behaviour of the mock is either armed by a check above or listed here with the reason a sign-in cannot',
    'tell a careful client from a careless one (a test keeps the two lists complete).',
    '',
    '| behaviour | why no client check |',
    '| --- | --- |',
    ...Object.entries(notClientChecks)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([behaviour, reason]) => `| \`${behaviour}\` | ${cell(reason)} |`),
    '',
  )
  return lines.join('\n')
}
