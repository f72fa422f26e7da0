import { expect, it } from 'vitest'
import type { RequestContext } from '../request-context.js'
import { StoreFullError } from '../store/store.js'
import { asPage } from './front-channel.js'

it('answers a page request the store had no room for with a 503 page and Retry-After', async () => {
  const page = asPage(async () => {
    throw new StoreFullError('interactions', 42)
  })
  const result = await page({} as RequestContext)
  expect(result).toMatchObject({ kind: 'html', status: 503, headers: { 'Retry-After': '42' } })
  expect(result.kind === 'html' && result.html).toContain('temporarily_unavailable')
})
