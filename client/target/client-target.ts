// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${…} is the client target file's placeholder syntax, not a template string.
/**
 * The client target file: what `codeflow client` needs to sign a partner's application in through
 * the mock IdP (docs/client-conformance.md). Strict: an unknown key is an error with the closest
 * known one; `${ENV}` references are replaced from the environment first (like the server suite's
 * target file); every error names the JSON path. `{issuer}`, `{client_id}`, `{client_secret}`,
 * `{redirect_uri}` and `{port}` placeholders stay in the strings: the runner fills them per run.
 */
import { z } from 'zod'
import { issueLines, readJsonFile } from '../../suites/harness/json-file.js'
import { substituteEnv, TargetFileError } from '../../suites/harness/target.js'

/** A string that may hold `{placeholder}`s; checked again as a URL once they are filled. */
const template = z.string().min(1)

const statusMatcher = z.number().int().min(100).max(599)

const clientSchema = z
  .strictObject({
    client_id: z
      .string()
      .min(1)
      .optional()
      .describe('The client identifier to register; omitted: generated, and passed to the app as {client_id}.'),
    client_secret: z
      .string()
      .min(1)
      .optional()
      .describe(
        'The client secret to register; omitted with an auth method other than "none": generated ({client_secret}).',
      ),
    token_endpoint_auth_method: z
      .enum(['client_secret_basic', 'client_secret_post', 'none'])
      .default('client_secret_basic')
      .describe('How the app authenticates at the token endpoint (OIDC Core §9).'),
    redirect_uris: z
      .array(template)
      .min(1)
      .describe('The redirect URIs to register, e.g. "http://127.0.0.1:{port}/callback" (placeholders allowed).'),
    scope: z.string().default('openid profile email').describe('The scopes the client may request.'),
    id_token_signed_response_alg: z
      .enum(['RS256', 'PS256', 'ES256', 'EdDSA'])
      .optional()
      .describe('The algorithm the mock signs this client’s ID tokens with (default: the mock’s, RS256).'),
  })
  .refine((client) => client.token_endpoint_auth_method !== 'none' || client.client_secret === undefined, {
    message: 'a public client (token_endpoint_auth_method "none") has no client_secret',
    path: ['client_secret'],
  })

const appSchema = z.strictObject({
  command: template.describe(
    'How the runner starts the app: split into argv without a shell ("…" and \'…\' quote); placeholders allowed.',
  ),
  cwd: z
    .string()
    .optional()
    .describe("The app's working directory, relative to the target file (default: its folder)."),
  env: z
    .record(z.string(), z.string())
    .default({})
    .describe('Environment variables added for the app (placeholders allowed), e.g. {"OIDC_ISSUER": "{issuer}"}.'),
  port: z
    .union([z.literal('auto'), z.number().int().min(1).max(65535)])
    .default('auto')
    .describe('The port the app listens on: a number, or "auto" (a free port the runner picks) → {port}.'),
  ready: z
    .strictObject({
      url: template.describe('Polled until it answers (any status below 500), e.g. "http://127.0.0.1:{port}/health".'),
      timeoutMs: z.number().int().positive().max(300_000).optional().describe('Default: timeouts.app.'),
    })
    .optional()
    .describe('How the runner knows the app is up; omitted: the origin of signIn.start is polled.'),
})

const signInSchema = z
  .strictObject({
    driver: z
      .enum(['http', 'browser', 'module'])
      .default('http')
      .describe(
        'http: plain HTTP with a cookie jar (server-rendered apps); browser: Chromium (single-page apps); module: your function.',
      ),
    start: template.describe('The URL that begins a sign-in, e.g. "http://127.0.0.1:{port}/login".'),
    script: z
      .string()
      .optional()
      .describe(
        'browser: a module whose default export drives the page (default: open start, complete the mock’s pages).',
      ),
    module: z
      .string()
      .optional()
      .describe('module: a module whose default export signs in: async ({ start, user, fetch, jar }) => page.'),
  })
  .refine((signIn) => signIn.driver !== 'module' || signIn.module !== undefined, {
    message: 'the module driver needs "module": the file whose default export signs in',
    path: ['module'],
  })

const successSchema = z
  .strictObject({
    status: statusMatcher.optional().describe('The final page’s HTTP status.'),
    url: z.string().optional().describe('A regular expression the final URL must match.'),
    text: z.string().optional().describe('Text the final page must contain.'),
    selector: z.string().optional().describe('A CSS selector that must match an element of the final page.'),
  })
  .refine((matchers) => Object.values(matchers).some((value) => value !== undefined), {
    message: 'give at least one of "status", "url", "text", "selector": how a signed-in page is recognised',
  })

const refusalSchema = z
  .strictObject({
    status: statusMatcher.optional().describe('The final page’s HTTP status.'),
    url: z.string().optional().describe('A regular expression the final URL matches.'),
    text: z.string().optional().describe('Text the final page contains.'),
    selector: z.string().optional().describe('A CSS selector that matches an element of the final page.'),
    log: z.string().optional().describe('A regular expression over the app’s log lines written during the sign-in.'),
  })
  .refine((matchers) => Object.values(matchers).some((value) => value !== undefined), {
    message: 'give at least one matcher, or leave "refusal" out (then anything but success is a refusal)',
  })

export const clientTargetSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1).describe('The app’s name, shown in the reports.'),
  client: clientSchema.describe('The client registered at the mock IdP for the run.'),
  app: appSchema.optional().describe('How the runner starts (and restarts) the app; omitted: it is already running.'),
  signIn: signInSchema.describe('How a sign-in begins and is driven.'),
  outcome: z
    .strictObject({
      success: successSchema.describe('Every given matcher must hold for a signed-in user.'),
      refusal: refusalSchema
        .optional()
        .describe('Any given matcher holding is a refusal; when given and none holds, the sign-in is an "error".'),
    })
    .describe('How a finished sign-in is read.'),
  user: z
    .strictObject({ username: z.string().min(1), password: z.string().min(1) })
    .optional()
    .describe('The mock user who signs in (default: the mock’s first user).'),
  timeouts: z
    .strictObject({
      signIn: z.number().int().positive().max(300_000).default(15_000).describe('One sign-in, in ms.'),
      app: z.number().int().positive().max(300_000).default(20_000).describe('The app’s start until ready, in ms.'),
    })
    .prefault({})
    .describe('Bounds, in milliseconds.'),
})

export type ClientTarget = z.output<typeof clientTargetSchema>
export type ClientTargetInput = z.input<typeof clientTargetSchema>
export type OutcomeMatchers = ClientTarget['outcome']

export class ClientTargetError extends TargetFileError {
  constructor(message: string) {
    super(message)
    this.name = 'ClientTargetError'
  }
}

export function parseClientTarget(
  input: unknown,
  env: NodeJS.ProcessEnv = process.env,
  source = 'client target file',
): ClientTarget {
  let substituted: unknown
  try {
    substituted = substituteEnv(input, env)
  } catch (error) {
    throw new ClientTargetError(`Invalid ${source}:\n  - ${(error as Error).message}`)
  }
  const result = clientTargetSchema.safeParse(substituted)
  if (!result.success) {
    throw new ClientTargetError(
      `Invalid ${source}:\n${issueLines(clientTargetSchema, result.error.issues, substituted).join('\n')}`,
    )
  }
  const problems = regexProblems(result.data)
  if (problems.length > 0) throw new ClientTargetError(`Invalid ${source}:\n${problems.join('\n')}`)
  return result.data
}

export function loadClientTarget(file: string, env: NodeJS.ProcessEnv = process.env): ClientTarget {
  const json = readJsonFile(file, 'client target file', (message) => new ClientTargetError(message))
  return parseClientTarget(json, env, `client target file (${file})`)
}

/** The `url` and `log` matchers are regular expressions: a bad one is the file's error, not a crash mid-run. */
function regexProblems(target: ClientTarget): string[] {
  const problems: string[] = []
  const candidates: Array<[string, string | undefined]> = [
    ['outcome.success.url', target.outcome.success.url],
    ['outcome.refusal.url', target.outcome.refusal?.url],
    ['outcome.refusal.log', target.outcome.refusal?.log],
  ]
  for (const [path, source] of candidates) {
    if (source === undefined) continue
    try {
      new RegExp(source)
    } catch (error) {
      problems.push(`  - ${path}: not a regular expression (${(error as Error).message})`)
    }
  }
  return problems
}
