// Output streams are passed in, never taken from `process` inside logic, so tests give buffers.
import { createInterface } from 'node:readline/promises'
export interface Streams {
  out: { write(s: string): unknown }
  err: { write(s: string): unknown }
  /** Colour only on a terminal, never when NO_COLOR is set (https://no-color.org). */
  color: boolean
  isTTY: boolean
  /**
   * Asks a yes/no question: present only when stdin and stderr are both terminals (the question
   * goes to stderr, the answer comes from stdin), whatever stdout is (`| tee log` keeps the prompt).
   */
  ask?: (question: string) => Promise<boolean>
}

/** One line read from the terminal; `y` or `yes` is yes, anything else (or end of input) no. */
async function askTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr })
  const closed = new Promise<string>((resolve) => rl.once('close', () => resolve('')))
  try {
    return /^y(es)?$/i.test((await Promise.race([rl.question(`${question} [y/N] `), closed])).trim())
  } finally {
    rl.close()
  }
}

export function processStreams(env = process.env): Streams {
  const isTTY = process.stdout.isTTY === true
  const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true
  return {
    out: process.stdout, err: process.stderr, isTTY, color: isTTY && !('NO_COLOR' in env && env.NO_COLOR !== '') && env.TERM !== 'dumb',
    ...(interactive ? { ask: askTerminal } : {}),
  }
}

/** A spinner as ora draws one; injected so that tests and non-terminals need none. */
export interface Spinner {
  text: string
  start(): unknown
  stop(): unknown
  stopAndPersist(o: { symbol: string; text: string }): unknown
  /** Draws a frame now (ora's timer never runs while synchronous work holds the thread). */
  render?(): unknown
}
/**
 * An ora spinner on stderr when it is a sized terminal (a pty nobody sized has width 0, and ora
 * would clear lines forever), never under CI. ora is loaded only then: offline output never needs it.
 */
export async function terminalSpinner(streams: Streams, text?: string): Promise<Spinner | undefined> {
  const err = streams.err as { isTTY?: boolean; columns?: number }
  if (err.isTTY !== true || (err.columns ?? 0) <= 0 || process.env.CI) return undefined
  // Bundlers may wrap the ESM default export once more.
  const mod: any = await import('ora')
  const ora = typeof mod.default === 'function' ? mod.default : mod.default?.default ?? mod
  return ora({ ...(text === undefined ? {} : { text }), stream: streams.err as NodeJS.WritableStream, discardStdin: false })
}

/** Progress of the offline steps (read, check, rewrite) on a terminal spinner: a counter, never on stdout. */
export interface OfflineProgress {
  /** Absent when nothing is shown: the steps then build no text and call nothing. */
  tick?: (text: () => string) => void
  stop(): void
}

const QUIET: OfflineProgress = { stop: () => {} }
/** Ticks between looks at the clock, and milliseconds between frames. */
const EVERY = 32
const FRAME_MS = 100

/**
 * Offline steps are synchronous and can take seconds on a large input (issue #14: 10,000
 * workloads): on a terminal (stderr), a spinner with a count, drawn from the loop itself. None
 * for `-o json|yaml` (`quiet`): their stderr belongs to the data's reader as well.
 */
export async function offlineProgress(streams: Streams, quiet = false): Promise<OfflineProgress> {
  const spinner = quiet ? undefined : await terminalSpinner(streams)
  if (!spinner) return QUIET
  let n = 0
  let last = 0
  let shown = false
  return {
    tick(text) {
      if (++n % EVERY !== 0) return
      const now = Date.now()
      if (now - last < FRAME_MS) return
      last = now
      spinner.text = text()
      if (shown) spinner.render?.()
      else { shown = true; spinner.start() }
    },
    // A later step may tick again: the spinner starts anew.
    stop() { if (shown) spinner.stop(); shown = false },
  }
}

const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1, cyan: 36 } as const
export type Colour = keyof typeof CODES

export const paint = (on: boolean) => (c: Colour, s: string) => (on ? `\x1b[${CODES[c]}m${s}\x1b[0m` : s)
