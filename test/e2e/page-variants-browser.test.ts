/**
 * The browser driver against the mock's page variants: the two combinations that together hold
 * every HTML variant (login and consent at the authorization URL, two steps, a Continue and a
 * meta-refresh interstitial, deny in its own form and as a link, consent every time, 403 error
 * pages), with no error outcome and the plain mock's verdicts (page-variants.ts).
 */
import { HTML_PAGE_VARIANTS, proveBrowserPageVariants } from './page-variants.js'

const COMBINATIONS = HTML_PAGE_VARIANTS.filter(
  (variant) =>
    variant.name.startsWith('everything at the authorization URL') || variant.name.startsWith('two steps, deny link'),
)
if (COMBINATIONS.length !== 2) throw new Error('page-variants.ts: the two combined variants were renamed')

proveBrowserPageVariants(COMBINATIONS)
