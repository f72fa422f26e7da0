/**
 * The browser driver against the pages only a browser can use: a login form built by a script
 * after load, and a login app over a JSON API (two steps, at the authorization URL), with no error
 * outcome and the plain mock's verdicts (page-variants.ts).
 */
import { proveBrowserPageVariants, SCRIPTED_PAGE_VARIANTS } from './page-variants.js'

proveBrowserPageVariants(
  SCRIPTED_PAGE_VARIANTS.filter(
    (variant) => !variant.name.startsWith('login app over a JSON API') || variant.name.includes('two steps'),
  ),
)
