/** MUST checks of this area no behaviour proves, each with the reason it cannot be simulated. */
export const codeTokenPkce: Record<string, string> = {}
