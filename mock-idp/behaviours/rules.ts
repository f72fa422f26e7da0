/**
 * The mock's named validation rules: the ones a `validation` behaviour can switch off. An endpoint
 * enforces a rule with `if (provider.behaviours.enforces('rule-name'))`, so the deviation lives in
 * the behaviour's data and the enforcing code names what it enforces. Each entry says where the
 * rule comes from. Grouped by area.
 */

const authorizationRules = {
  'redirect-uri-exact-match':
    'RFC 6749 §3.1.2.3: redirect_uri is compared with the registered ones by simple string comparison',
} as const

const discoveryRules = {} as const

const sessionRules = {} as const

const codeRules = {
  'code-single-use': 'RFC 6749 §4.1.2: an authorization code used more than once is refused',
} as const

const tokenRules = {
  'token-post-only': 'RFC 6749 §3.2: the client MUST use the HTTP POST method at the token endpoint',
} as const

const clientAuthRules = {} as const

const pkceRules = {} as const

const idTokenRules = {} as const

const userinfoRules = {} as const

const refreshRules = {} as const

const revocationRules = {} as const

const introspectionRules = {} as const

const logoutRules = {} as const

export const RULES = {
  ...authorizationRules,
  ...discoveryRules,
  ...sessionRules,
  ...codeRules,
  ...tokenRules,
  ...clientAuthRules,
  ...pkceRules,
  ...idTokenRules,
  ...userinfoRules,
  ...refreshRules,
  ...revocationRules,
  ...introspectionRules,
  ...logoutRules,
} as const satisfies Record<string, string>

export type Rule = keyof typeof RULES
