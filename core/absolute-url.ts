/** The zod type of an absolute URL, shared by the mock's config schema and the suite's target-file schema. */
import { z } from 'zod'

export const absoluteUrl = z.string().refine(
  (value) => {
    try {
      new URL(value)
      return true
    } catch {
      return false
    }
  },
  { message: 'must be an absolute URL' },
)
