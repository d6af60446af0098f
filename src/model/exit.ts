// Exit codes of every command, in one table, so a CI job can rely on them (and the help, README
// and tests name the same numbers). "Found something" and "failed" never share a code (kubectl diff).
export const EXIT = {
  /** Nothing found (check), everything selected done or nothing to do (fix, restart). */
  ok: 0,
  /** An error: bad input or flags, an API error, a 404 on a path every API server serves. */
  error: 1,
  /** Found something: a workload breaks, or was refused, skipped for safety, or still breaks after fix. */
  found: 3,
  /** Nothing found in what could be read, but the read was partial (forbidden namespaces, truncated lists). */
  incomplete: 4,
  /** A write was not confirmed: answered no, or no terminal to ask on and no --yes. Nothing written. */
  notConfirmed: 5,
  /** Stopped by a signal (128 + its number): what was in flight finished, the report was printed. */
  hangup: 129,
  interrupted: 130,
  terminated: 143,
} as const

export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP'

export const SIGNAL_EXIT: Record<StopSignal, number> = { SIGHUP: EXIT.hangup, SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated }
