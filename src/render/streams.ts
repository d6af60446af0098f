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

const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1, cyan: 36 } as const
export type Colour = keyof typeof CODES

export const paint = (on: boolean) => (c: Colour, s: string) => (on ? `\x1b[${CODES[c]}m${s}\x1b[0m` : s)
