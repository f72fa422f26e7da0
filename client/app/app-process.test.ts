import { expect, it } from 'vitest'
import { AppStartError, startApp } from './app-process.js'
import { freePort } from './free-port.js'

const SERVER = `require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening on ' + process.env.PORT + ' as ' + process.env.OIDC_CLIENT_SECRET))`

it('starts the app with its placeholders filled, waits until it answers and stops it', async () => {
  const port = String(await freePort())
  const app = await startApp({
    app: {
      command: `node -e "${SERVER.replaceAll('"', '\\"')}"`,
      env: { PORT: '{port}', OIDC_CLIENT_SECRET: '{client_secret}' },
      port: 'auto',
      ready: { url: 'http://127.0.0.1:{port}/health' },
    },
    baseDir: process.cwd(),
    values: { port, client_secret: 'very-secret-value' },
    fallbackReadyUrl: 'http://127.0.0.1:1/',
    timeoutMs: 10_000,
    secrets: () => ['very-secret-value'],
  })
  try {
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok')
    expect(app.log.tail()).toEqual([`listening on ${port} as [REDACTED]`])
  } finally {
    await app.stop()
  }
  await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow()
})

it('reports an app that exits before it is ready, with its last output', async () => {
  const error = await startApp({
    app: { command: 'node -e "console.error(\'missing OIDC_ISSUER\'); process.exit(3)"', env: {}, port: 'auto' },
    baseDir: process.cwd(),
    values: {},
    fallbackReadyUrl: `http://127.0.0.1:${await freePort()}/`,
    timeoutMs: 10_000,
    secrets: () => [],
  }).catch((thrown: unknown) => thrown)
  expect(error).toBeInstanceOf(AppStartError)
  expect((error as AppStartError).message).toMatch(/exited \(code 3\) before it was ready/)
  expect((error as AppStartError).log).toEqual(['missing OIDC_ISSUER'])
})

it('reports a command that cannot be started', async () => {
  const error = await startApp({
    app: { command: 'codeflow-no-such-program --x', env: {}, port: 'auto' },
    baseDir: process.cwd(),
    values: {},
    fallbackReadyUrl: `http://127.0.0.1:${await freePort()}/`,
    timeoutMs: 5_000,
    secrets: () => [],
  }).catch((thrown: unknown) => thrown)
  expect((error as Error).message).toMatch(/could not be started \(spawn codeflow-no-such-program ENOENT\)/)
})
