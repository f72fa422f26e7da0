/**
 * Starts Apache httpd with mod_auth_openidc (Debian: apt-get install -y apache2
 * libapache2-mod-auth-openidc) as a relying party of OIDC_ISSUER, on 127.0.0.1:$PORT:
 *
 *   OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI
 *   (default http://127.0.0.1:$PORT/protected/redirect_uri: it must lie under /protected/),
 *   OIDC_SCOPE (default "openid profile email"), PORT (default 8080), APACHE2 (default /usr/sbin/apache2).
 *
 * It renders httpd.conf.template into a private temp directory, runs `apache2 -X` (one process, in
 * the foreground), copies Apache's error log to stderr and its access log to stdout as they grow,
 * stops Apache on SIGTERM/SIGINT (SIGINT: in -X mode Apache ignores SIGTERM; SIGKILL if it is not
 * gone within 3 s), and removes the directory. /health answers without a sign-in; /protected/
 * needs one.
 *
 * Run: node --import tsx examples/real-clients/mod-auth-openidc/start.ts
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const env = process.env
const apache2 = env.APACHE2 || '/usr/sbin/apache2'
const moduleFile = '/usr/lib/apache2/modules/mod_auth_openidc.so'
for (const [file, pkg] of [
  [apache2, 'apache2'],
  [moduleFile, 'libapache2-mod-auth-openidc'],
] as const) {
  if (!existsSync(file)) {
    process.stderr.write(`mod-auth-openidc: ${file} is missing: install it (apt-get install -y ${pkg})\n`)
    process.exit(2)
  }
}
const missing = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'].filter((name) => !env[name])
if (missing.length > 0) {
  process.stderr.write(`mod-auth-openidc: set ${missing.join(', ')}\n`)
  process.exit(2)
}
const port = Number(env.PORT || 8080)
const root = mkdtempSync(join(tmpdir(), 'codeflow-mod-auth-openidc-'))
const values: Record<string, string> = {
  root,
  port: String(port),
  issuer: env.OIDC_ISSUER!.replace(/\/$/, ''),
  client_id: env.OIDC_CLIENT_ID!,
  client_secret: env.OIDC_CLIENT_SECRET!,
  redirect_uri: env.OIDC_REDIRECT_URI || `http://127.0.0.1:${port}/protected/redirect_uri`,
  scope: env.OIDC_SCOPE || 'openid profile email',
  passphrase: randomBytes(32).toString('hex'),
  // Apache refuses to serve as root: started as root (in a CI container), it serves as www-data.
  user: process.getuid?.() === 0 ? 'User www-data\nGroup www-data' : '',
}
const here = (file: string) => new URL(file, import.meta.url)
// Apache's directives take no quoting of these values: refuse what would break the file.
for (const [key, value] of Object.entries(values)) {
  if (/[\s"\\]/.test(value) && key !== 'scope' && key !== 'user') {
    process.stderr.write(`mod-auth-openidc: ${key} must not contain spaces, quotes or backslashes\n`)
    process.exit(2)
  }
}
const config = readFileSync(here('httpd.conf.template'), 'utf8').replace(/\{(\w+)\}/g, (whole, key: string) =>
  key in values ? values[key]! : whole,
)
mkdirSync(join(root, 'htdocs', 'protected'), { recursive: true })
// mkdtemp makes it 0700: www-data (see "user") must be able to read the pages.
chmodSync(root, 0o755)
writeFileSync(join(root, 'httpd.conf'), config)
writeFileSync(join(root, 'htdocs', 'health'), 'ok\n')
writeFileSync(join(root, 'htdocs', 'protected', 'index.html'), readFileSync(here('index.html')))

const logs = [
  { file: join(root, 'error.log'), to: process.stderr, offset: 0 },
  { file: join(root, 'access.log'), to: process.stdout, offset: 0 },
]
/** Copies what the logs gained since the last look (the error log says why a sign-in was refused). */
function copyLogs(): void {
  for (const log of logs) {
    let size: number
    try {
      size = statSync(log.file).size
    } catch {
      continue // not written yet
    }
    if (size <= log.offset) continue
    const fd = openSync(log.file, 'r')
    try {
      const chunk = Buffer.alloc(size - log.offset)
      log.offset += readSync(fd, chunk, 0, chunk.length, log.offset)
      log.to.write(chunk)
    } finally {
      closeSync(fd)
    }
  }
}
const copying = setInterval(copyLogs, 50)

const apache = spawn(apache2, ['-X', '-f', join(root, 'httpd.conf')], { stdio: ['ignore', 'inherit', 'inherit'] })
apache.on('exit', (code, signal) => {
  clearInterval(copying)
  copyLogs()
  rmSync(root, { recursive: true, force: true })
  process.exit(code ?? (signal === 'SIGINT' ? 0 : 1))
})
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    apache.kill('SIGINT')
    setTimeout(() => apache.kill('SIGKILL'), 3_000).unref()
  })
}
