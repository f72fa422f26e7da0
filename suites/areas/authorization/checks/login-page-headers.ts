/** The HTML pages the authorization server showed during the happy flow (login, consent), for header checks. */

import type { Exchange } from '../../../../reports/run-result.js'
import type { CompletedFlow } from '../../../flows/code-flow.js'

export function htmlPages(flow: CompletedFlow): Exchange[] {
  return flow.attempt.result.exchanges.filter((exchange) => {
    const response = exchange.response
    return (
      response !== undefined &&
      response.status === 200 &&
      (response.headers['content-type'] ?? '').toLowerCase().includes('text/html')
    )
  })
}

export function header(exchange: Exchange, name: string): string | undefined {
  return exchange.response?.headers[name.toLowerCase()]
}
