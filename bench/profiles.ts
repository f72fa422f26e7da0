/**
 * What differs between the two servers for the same authorization-code flow: the client, the
 * user, and how to find and fill the login and consent forms. Everything else (endpoints) comes
 * from each server's discovery document, and one generic flow drives both.
 */

export type ServerName = 'codeflow' | 'oidc-provider' | 'floor'

export interface ServerProfile {
  name: ServerName
  client: { id: string; secret: string; redirectUri: string }
  user: { username: string; password: string }
  scope: string
  login: {
    /** CSS selector of the login form. */
    form: string
    usernameField: string
    passwordField: string
  }
  consent: {
    form: string
    /** Selector, inside the consent form, of the button that approves (its name=value is sent). */
    approve: string
  }
}

/** Codeflow's login contract (mock-idp pages) and its default `codeflow-basic` client and user `alice`. */
export const codeflowProfile: ServerProfile = {
  name: 'codeflow',
  client: { id: 'codeflow-basic', secret: 'codeflow-basic-secret', redirectUri: 'http://localhost:3000/callback' },
  user: { username: 'alice', password: 'wonderland' },
  scope: 'openid profile email',
  login: { form: 'form[data-testid="login-form"]', usernameField: 'username', passwordField: 'password' },
  consent: { form: 'form[data-testid="consent-form"]', approve: 'button[name="decision"][value="approve"]' },
}

/** The harness in oidc-provider-server.ts: same client and user, its own page markup. */
export const oidcProviderProfile: ServerProfile = {
  name: 'oidc-provider',
  client: { id: 'codeflow-basic', secret: 'codeflow-basic-secret', redirectUri: 'http://localhost:3000/callback' },
  user: { username: 'alice', password: 'wonderland' },
  scope: 'openid profile email',
  login: { form: 'form[action$="/login"]', usernameField: 'login', passwordField: 'password' },
  consent: { form: 'form[action$="/confirm"]', approve: 'button[name="decision"][value="approve"]' },
}

/** The floor server (floor-server.ts): Codeflow's client, user and form markup, on minimal pages. */
export const floorProfile: ServerProfile = { ...codeflowProfile, name: 'floor' }

export const profiles: Record<ServerName, ServerProfile> = {
  codeflow: codeflowProfile,
  'oidc-provider': oidcProviderProfile,
  floor: floorProfile,
}
