/**
 * The elements of a server's page the form driver can act on (forms, fields, buttons, links),
 * named by a CSS selector that would match them, so a trace or an error can say what the page
 * holds when a selector of the target file matched nothing.
 */
import type * as cheerio from 'cheerio'
import { editDistance } from '../../core/closest-match.js'

/** A selection of elements (what `$(selector)` returns). */
export type Node = ReturnType<ReturnType<cheerio.CheerioAPI['root']>['find']>

/** Controls that submit their form (HTML §4.10.6 "submit button"), and links. */
export const SUBMIT_BUTTONS = 'button[type=submit i], button:not([type]), input[type=submit i], input[type=image i]'
export const CONTROLS = `${SUBMIT_BUTTONS}, a[href]`
/** Fields a user types into or ticks (not hidden, not buttons). */
const TYPED_FIELD_TYPES = new Set(['', 'text', 'email', 'tel', 'number', 'search', 'url', 'password'])

export type ElementKind = 'form' | 'field' | 'control'

/** The visible text of a control: its content, or for an input its value, or its accessible name. */
export function labelOf(node: Node): string {
  const text = node.is('input') ? (node.attr('value') ?? '') : node.text()
  return (text.replace(/\s+/g, ' ').trim() || node.attr('aria-label') || node.attr('title') || '').slice(0, 60)
}

/** Everything that names a control for a person or a script: label, name, value, id, test hooks. */
export function wordsOf(node: Node): string {
  return [
    labelOf(node),
    node.attr('name'),
    node.attr('value'),
    node.attr('id'),
    node.attr('data-testid'),
    node.attr('aria-label'),
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase()
}

/** An input the user types into or ticks, as opposed to hidden fields and buttons. */
export function isVisibleField(node: Node): boolean {
  if (node.is('select, textarea')) return true
  if (!node.is('input')) return false
  const type = (node.attr('type') ?? '').toLowerCase()
  return TYPED_FIELD_TYPES.has(type) || type === 'checkbox' || type === 'radio'
}

/** A text-like input (where a username could be typed). */
export function isTextField(node: Node): boolean {
  return node.is('input') && TYPED_FIELD_TYPES.has((node.attr('type') ?? '').toLowerCase()) && !isPassword(node)
}

export function isPassword(node: Node): boolean {
  return node.is('input') && (node.attr('type') ?? '').toLowerCase() === 'password'
}

/** A selector that matches `node`: unique on the page when one of the simple forms is. */
export function selectorFor($: cheerio.CheerioAPI, node: Node): string {
  const tag = (node.prop('tagName') ?? 'element').toLowerCase()
  const attr = (name: string) => node.attr(name)
  const quoted = (name: string) => `[${name}="${cssString(attr(name)!)}"]`
  const options: string[] = []
  const id = attr('id')
  if (id) options.push(/^[A-Za-z_][\w-]*$/.test(id) ? `${tag}#${id}` : `${tag}${quoted('id')}`)
  if (attr('data-testid')) options.push(`${tag}${quoted('data-testid')}`)
  const className = attr('class')
    ?.split(/\s+/)
    .find((name) => /^[A-Za-z_][\w-]*$/.test(name))
  if (className) options.push(`${tag}.${className}`)
  if (attr('name') && attr('value') !== undefined && tag !== 'form')
    options.push(`${tag}${quoted('name')}${quoted('value')}`)
  if (attr('name')) options.push(`${tag}${quoted('name')}`)
  if (tag === 'a' && attr('href')) options.push(`a${quoted('href')}`)
  if (tag === 'form' && attr('action') !== undefined) options.push(`form${quoted('action')}`)
  if (attr('type')) options.push(`${tag}${quoted('type')}`)
  options.push(tag)
  // Not unique on its own: scoped by its form (a deny button in form#deny-form).
  const form = tag === 'form' ? undefined : formOf($, node)
  const formId = form?.attr('id')
  if (formId && /^[A-Za-z_][\w-]*$/.test(formId)) options.push(...options.map((option) => `form#${formId} ${option}`))
  return options.find((option) => matchesOnly($, option, node)) ?? options[0]!
}

/** `node` for a person: a selector that matches it, its input type, its label (`button[name="go"] "Sign in"`). */
export function describeElement($: cheerio.CheerioAPI, node: Node): string {
  const selector = selectorFor($, node)
  const tag = (node.prop('tagName') ?? '').toLowerCase()
  const label = tag === 'form' || tag === 'input' ? '' : labelOf(node)
  const type = node.attr('type')
  const typeNote = tag === 'input' && type && !selector.includes('[type=') ? ` (type=${type})` : ''
  return `${selector}${typeNote}${label ? ` "${label}"` : ''}`
}

/** The elements of one kind on the page, described, closest to `selector` first (at most `limit`). */
export function candidates($: cheerio.CheerioAPI, kind: ElementKind, selector: string, limit = 8): string[] {
  const query = kind === 'form' ? 'form' : kind === 'field' ? 'input:not([type=hidden i]), select, textarea' : CONTROLS
  const described = [
    ...new Set(
      $(query)
        .toArray()
        .map((element) => describeElement($, $(element))),
    ),
  ]
  return described
    .map((description, index) => ({ description, index, distance: editDistance(selector, description) }))
    .sort((a, b) => a.distance - b.distance || a.index - b.index)
    .slice(0, limit)
    .map(({ description }) => description)
}

/** The forms, fields and controls of a page in document order, for a page the driver did not understand. */
export function pageInventory($: cheerio.CheerioAPI, limit = 12): string[] {
  return $(`form, input:not([type=hidden i]), select, textarea, ${CONTROLS}`)
    .toArray()
    .slice(0, limit)
    .map((element) => describeElement($, $(element)))
}

/** The form a control or field belongs to: its `form` attribute (HTML §4.10.17.3), else its ancestor. */
export function formOf($: cheerio.CheerioAPI, node: Node): Node | undefined {
  const owner = node.attr('form')
  const form = owner
    ? $('form').filter((_, element) => $(element).attr('id') === owner)
    : node.is('form')
      ? node
      : node.parents('form')
  return form.length > 0 ? form.first() : undefined
}

/** The page's <title>, trimmed. */
export function titleOf($: cheerio.CheerioAPI): string | undefined {
  const title = $('title').first().text().replace(/\s+/g, ' ').trim()
  return title || undefined
}

/** The text of the page's error message, if it shows one (role=alert, or an element classed/named error). */
export function alertText($: cheerio.CheerioAPI): string | undefined {
  const alert = $('[role=alert], .error, .alert, .alert-danger, .error-message, [data-testid*=error], #error')
    .toArray()
    .map((element) => $(element).text().replace(/\s+/g, ' ').trim())
    .find(Boolean)
  return alert ? alert.slice(0, 200) : undefined
}

function matchesOnly($: cheerio.CheerioAPI, selector: string, node: Node): boolean {
  try {
    const found = $(selector)
    return found.length === 1 && found.get(0) === node.get(0)
  } catch {
    return false
  }
}

function cssString(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\a ')
}
