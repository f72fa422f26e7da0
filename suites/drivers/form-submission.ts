/**
 * The request a browser sends when a control is activated: a submit button (in its form, or tied
 * to another by its `form` attribute) submits that form with every field the browser would send
 * — hidden CSRF fields included — plus the button's own name=value; a link is followed with GET
 * (HTML §4.10.21 "Form submission algorithm", §4.10.21.4 "Constructing the entry list").
 */
import type * as cheerio from 'cheerio'
import { DriveError } from '../harness/evidence.js'
import type { NextRequest } from './follow-redirect.js'
import { describeElement, formOf, type Node } from './page-elements.js'

/** Activates `control` (a submit button, an input[type=submit|image] or a link), with `values` typed into its form. */
export function activate(
  $: cheerio.CheerioAPI,
  control: Node,
  pageUrl: string,
  values: Record<string, string> = {},
): NextRequest {
  if (control.is('a')) {
    const href = control.attr('href') ?? ''
    if (/^\s*javascript:/i.test(href))
      throw new DriveError(`the link ${describeElement($, control)} runs a script: the form driver cannot follow it`)
    return { method: 'GET', url: new URL(href, pageUrl).toString() }
  }
  const form = formOf($, control)
  if (!form) throw new DriveError(`${describeElement($, control)} belongs to no form, so it submits nothing`)
  return submitForm($, form, pageUrl, values, control)
}

/** Submits `form` as if `submitter` was clicked (or, without one, as a script's form.submit() does). */
export function submitForm(
  $: cheerio.CheerioAPI,
  form: Node,
  pageUrl: string,
  values: Record<string, string> = {},
  submitter?: Node,
): NextRequest {
  const params = new URLSearchParams()
  for (const element of fieldsOf($, form).toArray()) {
    const field = $(element)
    const name = field.attr('name')
    const type = (field.attr('type') ?? '').toLowerCase()
    if (!name || field.is('[disabled]') || field.closest('fieldset[disabled]').length > 0) continue
    if (field.is('input') && ['submit', 'button', 'image', 'reset', 'file'].includes(type)) continue
    if (field.is('button')) continue
    if ((type === 'checkbox' || type === 'radio') && !field.is('[checked]')) continue
    if (name in values) continue
    if (field.is('select')) {
      const selected = field.find('option[selected]')
      const options = selected.length > 0 ? selected : field.find('option').first()
      for (const option of options.toArray()) params.append(name, $(option).attr('value') ?? $(option).text())
      continue
    }
    const value = field.is('textarea') ? field.text() : (field.attr('value') ?? (type === 'checkbox' ? 'on' : ''))
    params.append(name, value)
  }
  for (const [name, value] of Object.entries(values)) params.set(name, value)
  const submitterName = submitter?.attr('name')
  if (submitter && submitterName) {
    if ((submitter.attr('type') ?? '').toLowerCase() === 'image') {
      params.append(`${submitterName}.x`, '0')
      params.append(`${submitterName}.y`, '0')
    } else params.append(submitterName, submitter.attr('value') ?? '')
  }
  const action = new URL(submitter?.attr('formaction') ?? form.attr('action') ?? '', pageUrl)
  action.hash = ''
  const method = (submitter?.attr('formmethod') ?? form.attr('method') ?? 'GET').toUpperCase()
  if (method !== 'POST') {
    // A GET submission replaces the action's query with the form data (HTML §4.10.21.3 "mutate action URL").
    action.search = params.toString()
    return { method: 'GET', url: action.toString() }
  }
  return { method: 'POST', url: action.toString(), form: params }
}

/** The form's fields in tree order: its descendants, and elements elsewhere that name it with `form="id"`. */
function fieldsOf($: cheerio.CheerioAPI, form: Node): Node {
  const id = form.attr('id')
  const owned = form.find('input, select, textarea, button').filter((_, element) => {
    const owner = $(element).attr('form')
    return owner === undefined || owner === id
  })
  if (!id) return owned
  const elsewhere = $('input, select, textarea, button').filter(
    (_, element) => $(element).attr('form') === id && $(element).closest('form').get(0) !== form.get(0),
  )
  return owned.add(elsewhere)
}
