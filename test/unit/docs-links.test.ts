/**
 * Every relative link in the repository's Markdown (README.md, docs/, suites/README.md, the
 * examples' READMEs) resolves: the file or folder exists, and a `#fragment` names a heading of the
 * target file, slugged the way GitHub renders it (lower case, punctuation dropped, spaces → "-",
 * "-1", "-2" … for repeated headings). Links to other sites are not fetched.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { expect, it } from 'vitest'

/** Markdown files to check: every one outside dependencies, build output and run reports. */
function markdownFiles(dir = '.'): string[] {
  const skipped = new Set(['node_modules', 'dist', '.git', 'runs'])
  return readdirSync(dir).flatMap((name) => {
    if (skipped.has(name)) return []
    const path = dir === '.' ? name : join(dir, name)
    if (statSync(path).isDirectory()) return markdownFiles(path)
    return path.endsWith('.md') ? [path] : []
  })
}

/** The lines of a Markdown text outside fenced code blocks, with their 1-based numbers. */
function proseLines(markdown: string): Array<{ line: number; text: string }> {
  const lines: Array<{ line: number; text: string }> = []
  let fence: string | undefined
  markdown.split('\n').forEach((text, index) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(text)?.[1]
    if (marker && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker : undefined
      return
    }
    if (fence === undefined) lines.push({ line: index + 1, text })
  })
  return lines
}

/** GitHub's heading anchor: the rendered text in lower case, without punctuation, spaces as "-". */
function githubSlug(heading: string): string {
  const rendered = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link shows its text
    .replace(/<[^>]+>/g, '') // inline HTML shows nothing of its tags
    .replace(/\*+/g, '') // emphasis markers
  return rendered
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-')
}

/** Every anchor a Markdown file offers: its headings' slugs (repeats numbered) and HTML ids. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  for (const { text } of proseLines(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text)?.[1]
    if (heading !== undefined) {
      const slug = githubSlug(heading)
      const count = seen.get(slug) ?? 0
      seen.set(slug, count + 1)
      anchors.add(count === 0 ? slug : `${slug}-${count}`)
    }
    for (const match of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1]!)
  }
  return anchors
}

/** The link targets of a Markdown text (inline links, images, reference definitions), outside code. */
function linksOf(markdown: string): Array<{ line: number; target: string }> {
  const links: Array<{ line: number; target: string }> = []
  for (const { line, text } of proseLines(markdown)) {
    const prose = text.replace(/(`+)[\s\S]*?\1/g, '') // inline code is not a link
    for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
      links.push({ line, target: match[1]! })
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(prose)
    if (definition) links.push({ line, target: definition[1]! })
  }
  return links
}

/**
 * The links of `file` that do not resolve: a missing file or folder, or a fragment that is no
 * anchor of the target. `read` returns a file's text, or undefined when it does not exist.
 */
function brokenLinks(
  file: string,
  read: (path: string) => string | undefined,
  exists: (path: string) => boolean,
): string[] {
  const text = read(file)
  if (text === undefined) return [`${file}: cannot be read`]
  const broken: string[] = []
  for (const { line, target } of linksOf(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue // https:, mailto: … : another site
    const [rawPath = '', fragment] = target.split('#', 2)
    const path = rawPath === '' ? file : normalize(join(dirname(file), decodeURIComponent(rawPath))).replace(/\/$/, '')
    const where = `${file}:${line}: ${target}`
    if (!exists(path)) {
      broken.push(`${where} (no such file)`)
      continue
    }
    if (fragment === undefined || fragment === '') continue
    if (!path.endsWith('.md')) {
      broken.push(`${where} (a fragment into a file that is not Markdown)`)
      continue
    }
    const anchors = anchorsOf(read(path) ?? '')
    if (!anchors.has(decodeURIComponent(fragment))) broken.push(`${where} (no heading "#${fragment}" in ${path})`)
  }
  return broken
}

const readOrUndefined = (path: string) => {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

it('resolves every relative link and anchor in the Markdown of the repository', () => {
  const files = markdownFiles()
  expect(files).toContain('README.md')
  expect(files).toContain('docs/README.md')
  expect(files).toContain('suites/README.md')
  expect(files.flatMap((file) => brokenLinks(file, readOrUndefined, existsSync))).toEqual([])
})

it('links every page of docs/ from the docs index', () => {
  const index = readFileSync('docs/README.md', 'utf8')
  const linked = new Set(linksOf(index).map(({ target }) => target.split('#')[0]))
  const pages = readdirSync('docs').filter((name) => name.endsWith('.md') && name !== 'README.md')
  expect(pages.filter((page) => !linked.has(page))).toEqual([])
})

it('slugs headings as GitHub does', () => {
  expect(githubSlug('Serial mode: `--concurrency 1`')).toBe('serial-mode---concurrency-1')
  expect(githubSlug("The integration guide's errata, handled on purpose")).toBe(
    'the-integration-guides-errata-handled-on-purpose',
  )
  expect(githubSlug('Deviations (behaviours)')).toBe('deviations-behaviours')
  expect(githubSlug('Reports → CI — and `token_endpoint`')).toBe('reports--ci--and-token_endpoint')
  expect(githubSlug('See [the docs](docs/README.md)')).toBe('see-the-docs')
})

it('numbers repeated headings and ignores headings inside code blocks', () => {
  const anchors = anchorsOf('# Limits\n\n## Limits\n\n```sh\n# not a heading\n```\n<a id="custom"></a>\n')
  expect([...anchors].sort()).toEqual(['custom', 'limits', 'limits-1'])
})

it('reports a missing file, a missing anchor and a fragment into a non-Markdown file, and nothing else', () => {
  const files: Record<string, string> = {
    'docs/a.md': [
      '# A',
      '[ok](b.md#b-heading) [ok too](#a) [site](https://example.com/x#y) `[code](nowhere.md)`',
      '[gone](missing.md) [bad anchor](b.md#nope) [json](../schemas/x.json#z) [folder](../examples/)',
      '```md',
      '[inside a fence](missing-too.md)',
      '```',
      '[ref]: ./b.md#b-heading',
    ].join('\n'),
    'docs/b.md': '## B heading\n',
    'schemas/x.json': '{}',
    examples: '',
  }
  const broken = brokenLinks(
    'docs/a.md',
    (path) => files[path],
    (path) => path in files,
  )
  expect(broken).toEqual([
    'docs/a.md:3: missing.md (no such file)',
    'docs/a.md:3: b.md#nope (no heading "#nope" in docs/b.md)',
    'docs/a.md:3: ../schemas/x.json#z (a fragment into a file that is not Markdown)',
  ])
})
