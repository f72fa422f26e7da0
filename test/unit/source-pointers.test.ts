/**
 * Pointers from code to the documentation resolve: every `docs/<page>.md` a source file names
 * exists, and a section it names after it (`docs/mock-idp.md "Endpoints"`,
 * `docs/checks.md, "Self-check"`) is the start of a heading of that page. Comments wrap, so the
 * comment markers at line starts are dropped before reading them.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { expect, it } from 'vitest'

interface Pointer {
  file: string
  page: string
  section: string | undefined
}

/** The text of a source file with comment continuations joined: "…\n * more" reads "… more". */
function joinedComments(source: string): string {
  return source.replace(/\n[ \t]*(?:\*(?!\/)|\/\/)[ \t]?/g, ' ')
}

function pointersIn(file: string, source: string): Pointer[] {
  const text = joinedComments(source)
  return [...text.matchAll(/\bdocs\/([a-z0-9-]+\.md)(?:,? ["“]([^"”]+)["”])?/g)].map((match) => ({
    file,
    page: `docs/${match[1]}`,
    section: match[2],
  }))
}

/** Headings compare without quotes, emphasis or case: `What "strict by default" means` ~ What 'strict…. */
const plain = (text: string) =>
  text
    .replace(/["'“”‘’`*]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()

function headingsOf(markdown: string): string[] {
  return markdown
    .split('\n')
    .map((line) => /^#{1,6}\s+(.*)$/.exec(line)?.[1])
    .filter((heading): heading is string => heading !== undefined)
    .map(plain)
}

function unresolved(pointers: Pointer[], read: (page: string) => string | undefined): string[] {
  return pointers.flatMap(({ file, page, section }) => {
    const markdown = read(page)
    if (markdown === undefined) return [`${file}: ${page} does not exist`]
    if (section === undefined) return []
    const wanted = plain(section.replace(/[.…]+$/, ''))
    return headingsOf(markdown).some((heading) => heading.startsWith(wanted))
      ? []
      : [`${file}: ${page} has no heading "${section}"`]
  })
}

/** Tests whose examples point to made-up pages. */
const MADE_UP_PAGES = new Set(['test/unit/source-pointers.test.ts', 'test/unit/docs-links.test.ts'])

const sourceFiles = () =>
  execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '*.ts', '*.cts', '*.mts'],
    {
      encoding: 'utf8',
    },
  )
    .split('\0')
    .filter((file) => file !== '' && !file.startsWith('node_modules/') && !MADE_UP_PAGES.has(file))

it('resolves every docs/ page and section that the code points to', () => {
  const pointers = sourceFiles().flatMap((file) => pointersIn(file, readFileSync(file, 'utf8')))
  expect(pointers.length).toBeGreaterThan(20)
  expect(pointers.some((pointer) => pointer.section !== undefined)).toBe(true)
  const read = (page: string) => (existsSync(page) ? readFileSync(page, 'utf8') : undefined)
  expect(unresolved(pointers, read)).toEqual([])
})

it('reads a section named across a wrapped comment, and reports a missing page or heading', () => {
  const source = [
    '/**',
    ' * The shutdown (docs/limits.md, "Graceful',
    ' * shutdown"); the pages (docs/pages.md "Login"), the gone page (docs/gone.md).',
    ' */',
    '// and docs/limits.md "What \'strict by default\' means"',
  ].join('\n')
  const pointers = pointersIn('x.ts', source)
  expect(pointers).toEqual([
    { file: 'x.ts', page: 'docs/limits.md', section: 'Graceful shutdown' },
    { file: 'x.ts', page: 'docs/pages.md', section: 'Login' },
    { file: 'x.ts', page: 'docs/gone.md', section: undefined },
    { file: 'x.ts', page: 'docs/limits.md', section: "What 'strict by default' means" },
  ])
  const pages: Record<string, string> = {
    'docs/limits.md': '# Limits\n\n## Graceful shutdown\n\n## What "strict by default" means\n',
    'docs/pages.md': '# Pages\n\n## Logout\n',
  }
  expect(unresolved(pointers, (page) => pages[page])).toEqual([
    'x.ts: docs/pages.md has no heading "Login"',
    'x.ts: docs/gone.md does not exist',
  ])
})
