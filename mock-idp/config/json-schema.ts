/**
 * The config schema as JSON Schema (draft 2020-12), for editors (`"$schema"` in a config file)
 * and for docs/configuration.md's config reference, which is generated from the same descriptions.
 */
import { z } from 'zod'
import { mockIdpConfigSchema } from './schema.js'

export function mockIdpConfigJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(mockIdpConfigSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>
  return {
    ...schema,
    $id: 'https://codeflow.dev/schemas/mock-idp-config.schema.json',
    title: 'Codeflow mock IdP configuration',
  }
}

interface JsonSchemaNode {
  type?: string | string[]
  description?: string
  default?: unknown
  properties?: Record<string, JsonSchemaNode>
  items?: JsonSchemaNode
  enum?: unknown[]
  anyOf?: JsonSchemaNode[]
}

/** One Markdown table row per option (nested objects flattened to dotted paths). */
export function configReferenceMarkdown(): string {
  const schema = mockIdpConfigJsonSchema() as JsonSchemaNode
  const rows: string[] = ['| option | type | default | description |', '| --- | --- | --- | --- |']
  const walk = (node: JsonSchemaNode, prefix: string) => {
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      const path = prefix ? `${prefix}.${name}` : name
      const isGroup = child.type === 'object' && child.properties && !['clients', 'users'].includes(path)
      if (isGroup) {
        walk(child, path)
        continue
      }
      rows.push(
        `| \`${path}\` | ${typeOf(child)} | ${defaultOf(child)} | ${(child.description ?? '').replace(/\|/g, '\\|')} |`,
      )
    }
  }
  walk(schema, '')
  for (const list of ['clients', 'users']) {
    const item = schema.properties?.[list]?.items
    if (!item) continue
    rows.push(
      '',
      `Each entry of \`${list}\`:`,
      '',
      '| field | type | default | description |',
      '| --- | --- | --- | --- |',
    )
    walk({ properties: prefixed(item.properties ?? {}, `${list}[]`) }, '')
  }
  return rows.join('\n')
}

function prefixed(properties: Record<string, JsonSchemaNode>, prefix: string): Record<string, JsonSchemaNode> {
  return Object.fromEntries(Object.entries(properties).map(([name, node]) => [`${prefix}.${name}`, node]))
}

function typeOf(node: JsonSchemaNode): string {
  if (node.enum) return node.enum.map((value) => `\`${JSON.stringify(value)}\``).join(' \\| ')
  if (node.type === 'array') {
    const item = node.items ? typeOf(node.items) : 'any'
    return item.includes(' ') ? `(${item})[]` : `${item}[]`
  }
  if (node.anyOf) return node.anyOf.map(typeOf).join(' \\| ')
  return Array.isArray(node.type) ? node.type.join(' \\| ') : (node.type ?? 'any')
}

function defaultOf(node: JsonSchemaNode): string {
  if (node.default === undefined) return '—'
  const text = JSON.stringify(node.default)
  return text.length > 60 ? '(see mock-idp/config/defaults.ts)' : `\`${text.replace(/\|/g, '\\|')}\``
}
