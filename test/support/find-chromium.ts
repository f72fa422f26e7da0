/** The Chromium lookup lives with the suite's browser driver; the browser tests use the same one. */
export {
  CHROMIUM_ARGS,
  type ChromiumLookup,
  type FoundChromium,
  findChromium,
  requireChromium,
  SYSTEM_CHROMIUM,
} from '../../suites/drivers/find-chromium.js'
