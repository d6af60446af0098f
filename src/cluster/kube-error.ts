/** A failure talking to the API server, already worded for a user (`error: <message>`). */
export class KubeError extends Error {
  constructor(
    message: string,
    /** HTTP status; undefined for network failures and timeouts. */
    readonly status?: number,
    /** The Status reason (`Forbidden`, `Expired`, …). */
    readonly reason?: string,
    /** The Status body, when the server sent one (a 410 carries a continue token in it). */
    readonly body?: any,
  ) {
    super(message)
  }
}
