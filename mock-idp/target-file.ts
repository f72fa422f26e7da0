// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${…} is the target file's placeholder syntax, not a template string.
/**
 * The mock IdP describes itself as a conformance-suite target file, so `codeflow run` against it
 * needs no setup (docs/page-variants.md, "The target file the mock prints"). Plain JSON: mock-idp/ never imports the
 * suite.
 */
import type { MockIdpConfig } from './config/schema.js'
import type { UserDirectory } from './users.js'

export interface MockTargetFile {
  $schema: string
  name: string
  issuer: string
  discovery: string
  clients: Array<{
    client_id: string
    client_secret?: string
    token_endpoint_auth_method: string
    redirect_uris: string[]
    scope: string
    post_logout_redirect_uris: string[]
  }>
  users: Array<{ username: string; password: string; claims: Record<string, unknown> }>
  login: Record<string, unknown>
  policy: Record<string, unknown>
  skip: Record<string, string>
}

export function mockTargetFile(config: MockIdpConfig, issuer: string, users: UserDirectory): MockTargetFile {
  const allScopes = Object.keys(config.scopes).join(' ')
  return {
    $schema: 'https://codeflow.dev/schemas/target-file.schema.json',
    name: 'codeflow-mock-idp',
    issuer,
    discovery: `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
    clients: config.clients.map((client) => ({
      client_id: client.client_id,
      ...(client.client_secret === undefined ? {} : { client_secret: client.client_secret }),
      token_endpoint_auth_method: client.token_endpoint_auth_method,
      redirect_uris: client.redirect_uris,
      scope: client.scope ?? allScopes,
      post_logout_redirect_uris: client.post_logout_redirect_uris,
    })),
    users: users
      .all()
      .slice(0, 2)
      .map((user) => ({ username: user.username, password: user.password, claims: user.claims })),
    login: loginSettings(config),
    policy: { pkce_plain: config.pkce.allowPlain ? 'allow' : 'forbid' },
    skip: {},
  }
}

/**
 * How the suite's login drivers get through this mock's pages, for the configured page variant
 * (docs/page-variants.md): the form driver's CSS selectors. A selector list (`a, b`) matches the
 * control of whichever step the driver is on.
 */
export function loginSettings(config: MockIdpConfig): Record<string, unknown> {
  const { pages } = config
  const consent = {
    form: 'form[data-testid=consent-form]',
    submit: 'button[data-testid=consent-approve]',
    deny: DENY_SELECTORS[pages.deny],
  }
  if (pages.scripts === 'defer-form' || pages.loginApp === 'json-api') {
    // No form in the HTML: only a browser gets through.
    const submit = { click: 'button[data-testid=login-submit]' }
    const password = { fill: 'input[data-testid=login-password]', value: '${password}' }
    const username = { fill: 'input[data-testid=login-username]', value: '${username}' }
    return {
      driver: 'browser',
      steps:
        pages.loginSteps === 'two'
          ? [username, { click: 'button[data-testid=login-next]' }, password, submit]
          : [username, password, submit],
      cancel: 'button[data-testid=login-cancel]',
      consent,
    }
  }
  return {
    driver: 'form',
    form: 'form[data-testid=login-form]',
    username: 'input[name=username]',
    password: 'input[name=password]',
    submit:
      pages.loginSteps === 'two'
        ? 'button[data-testid=login-submit], button[data-testid=login-next]'
        : 'button[data-testid=login-submit]',
    cancel: 'button[data-testid=login-cancel]',
    consent,
  }
}

/** The deny control wherever pages.deny puts it: the form driver submits the form that holds it, or follows the link. */
const DENY_SELECTORS: Record<MockIdpConfig['pages']['deny'], string> = {
  button: 'button[data-testid=consent-deny]',
  form: 'form#deny-form button[data-testid=consent-deny]',
  link: 'a[data-testid=consent-deny]',
}
