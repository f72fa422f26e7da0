/**
 * The page side of the example: what a single-page app's test setup does. msw's service worker
 * intercepts the app's fetch calls to its fixed issuer, and `forwardingHandlers` answers them from
 * the running mock IdP. Bundled for the browser by the test (esbuild).
 */
import { forwardingHandlers } from 'codeflow/msw/browser'
import { setupWorker } from 'msw/browser'

declare global {
  interface Window {
    // Set by the test page: the fixed issuer the "app" uses, and where the mock IdP listens.
    CODEFLOW: { issuer: string; mock: string }
    result?: unknown
  }
}

const { issuer, mock } = window.CODEFLOW
await setupWorker(...forwardingHandlers({ issuer, to: mock })).start({
  serviceWorker: { url: '/mockServiceWorker.js' },
  quiet: true,
})

// The "app": discovery, the JWK Set, and a token request it gets wrong on purpose.
try {
  const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()
  const jwks = await (await fetch(discovery.jwks_uri)).json()
  const token = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=authorization_code&code=made-up&client_id=codeflow-public&redirect_uri=http://localhost:3000/callback&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
  })
  window.result = {
    issuer: discovery.issuer,
    tokenEndpoint: discovery.token_endpoint,
    keys: jwks.keys.length,
    tokenStatus: token.status,
    tokenError: (await token.json()).error,
  }
} catch (error) {
  window.result = { failed: String(error) }
}
