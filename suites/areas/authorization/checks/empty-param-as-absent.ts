import { defineCheck } from '../../../harness/check.js'
import { judgeSuccess } from './judge.js'

export default defineCheck({
  id: 'authz.empty-param-as-absent',
  title: 'Parameters sent without a value are treated as omitted',
  area: 'authorization',
  level: 'MUST',
  spec: ['RFC6749-3.1'],
  needs: ['authzEmptyParams'],
  // RFC 6749 §3.1: "Parameters sent without a value MUST be treated as if they were omitted from the request."
  evaluate: ({ authzEmptyParams }) =>
    judgeSuccess(authzEmptyParams, 'the request with empty "login_hint=" and "ui_locales="'),
})
