/**
 * The file vitest's own CLI loads to run the conformance suite (not part of `npm test`); nothing
 * imports it. Everything it does is in suites/run/engines/vitest-cli.ts, which builds the same
 * configuration as `codeflow run --engine vitest` (suites/run/engines/vitest-config.ts):
 *
 *   CODEFLOW_TARGET=op.json CODEFLOW_OUT=out npx vitest run -c suites/vitest.conformance.config.ts --tags-filter MUST
 */
import { vitestCliConfig } from './run/engines/vitest-cli.js'

export default () => vitestCliConfig(process.env)
