/**
 * A written report.html opened from file:// in Chromium, as a reader opens it: the page, every URL
 * it requested (a report must fetch nothing from the network) and every script error it threw.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'

export interface OpenedReport {
  page: Page
  requests: string[]
  errors: string[]
}

export async function openReportPage(browser: Browser, reportDir: string): Promise<OpenedReport> {
  const page = await browser.newPage()
  const requests: string[] = []
  page.on('request', (request) => requests.push(request.url()))
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(pathToFileURL(join(reportDir, 'report.html')).href)
  return { page, requests, errors }
}
