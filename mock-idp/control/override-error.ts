/** An override that could never be honoured (unknown kind, endpoint, behaviour or user), or a queue that is full. */
export class OverrideError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'OverrideError'
  }
}
