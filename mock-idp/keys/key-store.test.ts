import { expect, it } from 'vitest'
import { generateSigningKey, KeyStore } from './key-store.js'

it('drops keys whose grace period has ended when it rotates again, so rotations do not pile up keys', async () => {
  const store = new KeyStore([await generateSigningKey('ES256', 'start')])
  let now = 0
  for (let i = 0; i < 20; i++) {
    now += 1000
    store.rotate(await store.generateRotationKeys(), now + 500, now)
  }
  // Every key the store still holds, retired or not.
  const held = store.jwks(Number.NEGATIVE_INFINITY).keys.map((key) => key.kid)
  expect(held).toEqual(['rotated-es256-20', 'rotated-es256-19'])
  expect(store.jwks(now).keys.map((key) => key.kid)).toEqual(['rotated-es256-20', 'rotated-es256-19'])
  expect(store.jwks(now + 500).keys.map((key) => key.kid)).toEqual(['rotated-es256-20'])
})
