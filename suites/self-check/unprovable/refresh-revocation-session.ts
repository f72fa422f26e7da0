/** MUST checks of this area no behaviour proves, each with the reason it cannot be simulated. */
export const refreshRevocationSession: Record<string, string> = {}
