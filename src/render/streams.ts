// Output streams are passed in, never taken from `process` inside logic, so tests give buffers.
export interface Streams {
  out: { write(s: string): unknown }
  err: { write(s: string): unknown }
  /** Colour only on a terminal, never when NO_COLOR is set (https://no-color.org). */
  color: boolean
  isTTY: boolean
}

export function processStreams(env = process.env): Streams {
  const isTTY = process.stdout.isTTY === true
  return { out: process.stdout, err: process.stderr, isTTY, color: isTTY && !('NO_COLOR' in env && env.NO_COLOR !== '') && env.TERM !== 'dumb' }
}

const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1, cyan: 36 } as const
export type Colour = keyof typeof CODES

export const paint = (on: boolean) => (c: Colour, s: string) => (on ? `\x1b[${CODES[c]}m${s}\x1b[0m` : s)
