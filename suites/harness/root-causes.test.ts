import { expect, it } from 'vitest'
import type { RootCause } from '../../reports/run-result.js'
import { DriveError } from './evidence.js'
import { artifactsOf, failureKey, mergeRootCauses, ROOT_CAUSE_EXCHANGES, RootCauses } from './root-causes.js'

function cause(id: string, blocked: string[], attempts = 1): RootCause {
  return { id, step: 'happy flow', message: 'could not drive the target', attempts, exchanges: [], blocked }
}

it('merges the per-area lists into one cause per id with the union of the checks they blocked', () => {
  const merged = mergeRootCauses([
    [cause('gather:happy-flow', ['id-token.iss', 'code.single-use']), cause('check:pkce.s256', ['pkce.s256'])],
    [cause('gather:happy-flow', ['userinfo.sub', 'code.single-use'], 3)],
  ])
  expect(merged).toEqual([
    cause('check:pkce.s256', ['pkce.s256']),
    cause('gather:happy-flow', ['code.single-use', 'id-token.iss', 'userinfo.sub'], 3),
  ])
})

it('leaves out a cause that stopped no check', () => {
  expect(mergeRootCauses([[cause('gather:jwks', [])]])).toEqual([])
})

it('records a cause once, whoever meets it, and keeps only its last exchanges', () => {
  const causes = new RootCauses()
  const exchanges = Array.from({ length: ROOT_CAUSE_EXCHANGES + 5 }, (_, index) => ({
    id: index,
    label: `step ${index}`,
    request: { method: 'GET', url: 'https://op.example/', headers: {} },
    durationMs: 1,
  }))
  const first = causes.record({ id: 'login:form:1', step: 'sign in', message: 'refused', attempts: 1, exchanges })
  const again = causes.record({ id: 'login:form:1', step: 'sign in', message: 'refused', attempts: 2, exchanges })
  expect(again).toBe(first)
  causes.block('login:form:1', 'b.check')
  causes.block('login:form:1', 'a.check')
  causes.block('login:form:1', 'a.check')
  const [listed] = causes.list()
  expect(listed?.blocked).toEqual(['a.check', 'b.check'])
  expect(listed?.attempts).toBe(2)
  expect(listed?.exchanges.map((exchange) => exchange.id)).toEqual(
    exchanges.slice(-ROOT_CAUSE_EXCHANGES).map((exchange) => exchange.id),
  )
})

it('gives one key to one failure met with different query strings and random values', () => {
  const a = failureKey('stopped at https://op.example/login?state=abc&nonce=x1 (session Zk8sQm1hbm9uY2VfdmFsdWU)')
  const b = failureKey('stopped at https://op.example/login?state=xyz (session cXVpdGVfYW5vdGhlcl9vbmU1)')
  expect(a).toBe(b)
  expect(failureKey('the login page came back three times')).not.toBe(a)
})

it('copies the screenshot and trace a driver left on its DriveError', () => {
  const error = new DriveError('no login form', {
    artifacts: { screenshot: '/tmp/run/login.png', trace: '/tmp/run/trace.zip', other: 1 },
  })
  expect(artifactsOf(error)).toEqual({ screenshot: '/tmp/run/login.png', trace: '/tmp/run/trace.zip' })
  expect(artifactsOf(new DriveError('no detail'))).toBeUndefined()
})
