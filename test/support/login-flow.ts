/** The HTTP login flow driver, published as `codeflow/testing` (mock-idp/testing/login-flow.ts). */
export * from '../../mock-idp/testing/login-flow.js'
