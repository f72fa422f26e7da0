/**
 * The form driver, with the login settings each variant of the mock IdP prints in its own target
 * file, against the HTML page and server variants real providers have (page-variants.ts): no
 * `error` outcome, the plain mock's verdicts.
 */
import { HTML_PAGE_VARIANTS, provePageVariants } from './page-variants.js'

provePageVariants({ driver: 'form', login: 'printed', variants: HTML_PAGE_VARIANTS })
