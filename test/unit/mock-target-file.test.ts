import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MockIdpConfigInput } from '../../mock-idp/config/schema.js'
import { type RunningMockIdp, serveMockIdp } from '../../mock-idp/server.js'
import { mockTargetFile } from '../../mock-idp/target-file.js'
import { Browser, openLogin, type Page, readPage, submit } from '../../mock-idp/test-support/pages.js'
import { targetFileSchema } from '../../suites/harness/target.js'

type Pages = NonNullable<MockIdpConfigInput['pages']>
type FormLogin = {
  form: string
  username: string
  password: string
  submit: string
  cancel: string
  consent: { form: string; submit: string; deny: string }
}

const servers: RunningMockIdp[] = []
afterAll(async () => {
  for (const server of servers) await server.close()
})

async function serve(pages: Pages): Promise<RunningMockIdp> {
  const idp = await serveMockIdp({ port: 0, log: { level: 'silent' }, pages })
  servers.push(idp)
  return idp
}

function printed(idp: RunningMockIdp) {
  return targetFileSchema.parse(mockTargetFile(idp.provider.config, idp.issuer, idp.provider.users))
}

function one(page: Page, selector: string): void {
  expect(page.$(selector), `${selector} on ${page.url}`).toHaveLength(1)
}

/** Drives the pages with the printed form-driver selectors only, up to the consent page. */
async function consentBySelectors(idp: RunningMockIdp, login: FormLogin): Promise<Page> {
  const browser = new Browser()
  let page = await openLogin(browser, idp.url)
  for (let step = 0; step < 2; step++) {
    one(page, `${login.form} ${login.submit}`)
    const fields: Record<string, string> = {}
    if (page.$(`${login.form} ${login.username}`).length === 1) fields.username = 'alice'
    if (page.$(`${login.form} ${login.password}`).length === 1) fields.password = 'wonderland'
    const button = page.$(`${login.form} ${login.submit}`)
    const response = await submit(browser, page, login.form, {
      ...fields,
      [button.attr('name')!]: button.attr('value')!,
    })
    if (response.status === 303) {
      const url = response.headers.get('location')!
      return readPage(url, await browser.get(url))
    }
    page = await readPage(page.url, response)
  }
  throw new Error('the selectors did not get past the login page')
}

let variants: Record<string, RunningMockIdp>
beforeAll(async () => {
  variants = {
    plain: await serve({}),
    twoSteps: await serve({ loginSteps: 'two' }),
    denyForm: await serve({ deny: 'form' }),
    denyLink: await serve({ deny: 'link' }),
    deferred: await serve({ scripts: 'defer-form', loginSteps: 'two' }),
    jsonApi: await serve({ loginApp: 'json-api' }),
  }
})

describe('the target file the mock prints for its page variants', () => {
  it('is a valid target file for every variant', () => {
    for (const idp of Object.values(variants)) expect(() => printed(idp)).not.toThrow()
  })

  it('gives form-driver selectors that find the login fields and buttons, also over two steps', async () => {
    for (const idp of [variants.plain!, variants.twoSteps!]) {
      const login = printed(idp).login as unknown as FormLogin
      expect(printed(idp).login.driver).toBe('form')
      const consent = await consentBySelectors(idp, login)
      one(consent, login.consent.form)
      one(consent, `${login.consent.form} ${login.consent.submit}`)
      one(consent, login.consent.deny)
    }
  })

  it('points the deny selector at the deny form or the deny link', async () => {
    const form = printed(variants.denyForm!).login as unknown as FormLogin
    const formConsent = await consentBySelectors(variants.denyForm!, form)
    expect(formConsent.$(form.consent.deny).closest('form').attr('id')).toBe('deny-form')
    const link = printed(variants.denyLink!).login as unknown as FormLogin
    const linkConsent = await consentBySelectors(variants.denyLink!, link)
    expect(linkConsent.$(link.consent.deny).is('a[href]')).toBe(true)
  })

  it('switches to the browser driver, with the steps of the page, when the HTML has no form', () => {
    const deferred = printed(variants.deferred!).login
    expect(deferred.driver).toBe('browser')
    expect(JSON.stringify(deferred)).toContain('login-next')
    const jsonApi = printed(variants.jsonApi!).login
    expect(jsonApi.driver).toBe('browser')
    expect(JSON.stringify(jsonApi)).not.toContain('login-next')
  })
})
