/**
 * The generic form driver: find a form by selector in a page, collect what a browser would
 * submit (its successful controls with their current values, RFC-less but per the HTML
 * "constructing the entry list" rules that matter here), override the fields given, add the
 * submitter button's name=value, and submit it. Both servers' pages go through this.
 */
import * as cheerio from 'cheerio'
import type { Browser, Page } from './browser.js'
import { FlowError, type FlowStep } from './flow-error.js'

export interface FormSubmission {
  /** CSS selector of the form. */
  form: string
  /** Values to type into named controls; each must exist in the form (the contract is checked). */
  fields?: Record<string, string>
  /** CSS selector, inside the form, of the submit button that is pressed. */
  submitter?: string
}

export interface FilledForm {
  method: 'GET' | 'POST'
  action: URL
  entries: URLSearchParams
}

const ignoredInputTypes = new Set(['submit', 'button', 'image', 'reset', 'file'])

/** htmlparser2 instead of parse5: about twice as fast, and these pages are well-formed. */
const parseOptions = { xml: { xmlMode: false, decodeEntities: true } }

/** Builds the request a browser would send for `submission` on `page`, without sending it. */
export function fillForm(page: Page, submission: FormSubmission, step: FlowStep): FilledForm {
  const $ = cheerio.load(page.body, parseOptions)
  const form = $(submission.form).first()
  if (form.length === 0) {
    throw new FlowError(step, `no form matching ${submission.form} on ${page.url.pathname} (HTTP ${page.status})`)
  }

  const entries = new URLSearchParams()
  const names = new Set<string>()
  form.find('input, textarea, select').each((_, element) => {
    const control = $(element)
    const name = control.attr('name')
    if (name) names.add(name)
    if (!name || control.attr('disabled') !== undefined) return
    if (element.tagName === 'select') {
      const selected = control.find('option[selected]').first()
      const option = selected.length > 0 ? selected : control.find('option').first()
      if (option.length > 0) entries.append(name, option.attr('value') ?? option.text())
      return
    }
    if (element.tagName === 'textarea') {
      entries.append(name, control.text())
      return
    }
    const type = (control.attr('type') ?? 'text').toLowerCase()
    if (ignoredInputTypes.has(type)) return
    if ((type === 'checkbox' || type === 'radio') && control.attr('checked') === undefined) return
    entries.append(name, control.attr('value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : ''))
  })

  for (const [name, value] of Object.entries(submission.fields ?? {})) {
    if (!names.has(name)) {
      throw new FlowError(step, `the form ${submission.form} has no field named ${name}`)
    }
    entries.set(name, value)
  }

  if (submission.submitter) {
    const button = form.find(submission.submitter).first()
    if (button.length === 0) throw new FlowError(step, `no ${submission.submitter} in the form ${submission.form}`)
    const name = button.attr('name')
    if (name) entries.append(name, button.attr('value') ?? '')
  }

  const method = (form.attr('method') ?? 'get').toLowerCase() === 'post' ? 'POST' : 'GET'
  const action = new URL(form.attr('action') || page.url.href, page.url)
  return { method, action, entries }
}

/** Fills and submits the form; returns the response (a redirect is not followed). */
export async function submitForm(
  browser: Browser,
  page: Page,
  submission: FormSubmission,
  step: FlowStep,
): Promise<Page> {
  const filled = fillForm(page, submission, step)
  if (filled.method === 'POST') return browser.postForm(filled.action, filled.entries)
  const target = new URL(filled.action)
  target.search = filled.entries.toString()
  return browser.get(target)
}
