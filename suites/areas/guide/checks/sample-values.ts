/** The integration guide's sample values (fixtures/seed-samples.ts), which its samples send as written. */

export const GUIDE_SCOPE = 'openid profile user_profile additional_info'
export const GUIDE_STATE = 'af0ifjsldkj'
