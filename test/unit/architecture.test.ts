import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { parseConfig } from '../../mock-idp/config/load.js'
import { endpointUrls } from '../../mock-idp/endpoint-urls.js'
import { routes } from '../../mock-idp/http/routes.js'
import { createProvider } from '../../mock-idp/provider.js'
import { providerMetadata } from '../../mock-idp/tokens/metadata.js'

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : []
  })
}

it('only mock-idp/http/ turns results into web-standard Responses', () => {
  const offenders = sourceFiles('mock-idp')
    .filter(
      (file) =>
        !file.startsWith(join('mock-idp', 'http')) && !file.endsWith('.test.ts') && !file.includes('test-support'),
    )
    .filter((file) => /new Response\(/.test(readFileSync(file, 'utf8')))
  expect(offenders).toEqual([])
})

it('serves every endpoint discovery advertises, at the path it advertises', async () => {
  const config = parseConfig({ paths: { token: '/custom/token', userinfo: '/me' } })
  const provider = await createProvider(config, { issuer: 'https://op.example' })
  const metadata = providerMetadata(provider, endpointUrls(provider.issuer, config.paths))
  const routed = new Set(routes(provider).map((route) => `https://op.example${route.path}`))
  const advertised = Object.entries(metadata)
    .filter(([name]) => name.endsWith('_endpoint') || name === 'jwks_uri')
    .map(([, url]) => url as string)
  expect(advertised).toContain('https://op.example/custom/token')
  expect(advertised).toContain('https://op.example/me')
  for (const url of advertised) expect(routed).toContain(url)
})

it('keeps one file per authorization step, each listed in the pipeline', () => {
  const pipeline = readFileSync('mock-idp/authorize/pipeline.ts', 'utf8')
  const steps = readdirSync('mock-idp/authorize/steps').filter(
    (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
  )
  expect(steps.length).toBeGreaterThan(8)
  for (const step of steps) expect(pipeline).toContain(`./steps/${step.replace(/\.ts$/, '.js')}`)
})
