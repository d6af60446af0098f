// Runs the built plugin as a user would, and captures stdout, stderr and the exit code.
import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export const ROOT = join(import.meta.dirname, '..', '..')
export const BIN = join(ROOT, 'dist', 'kubectl-istiocni')

export function ensureBuilt(): void {
  if (!existsSync(BIN)) spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' })
}

export interface Run { code: number; stdout: string; stderr: string }

export function run(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT, input: opts.input ?? '', encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...opts.env },
  })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

/** `run` without blocking: for a plugin that talks to a test API server in the same process. */
export function runAsync(args: string[], opts: { env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...opts.env } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr })
    })
    child.stdin?.end()
  })
}

/** Why terminal tests are skipped: `script` (util-linux) gives them a pseudo-terminal. */
export const SCRIPT = (() => { try { execFileSync('script', ['--version'], { stdio: 'ignore' }); return false } catch { return 'script (util-linux) is not installed' } })()

/**
 * Runs `args` in a pseudo-terminal with stdout piped into cat; `answer` is typed at the prompt.
 * `cols` sizes the terminal (an unsized one has 0 columns: no spinner is drawn on it).
 */
export function inTerminal(args: string[], answer = '', o: { cols?: number } = {}): Promise<{ code: number | null; text: string }> {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')
  const size = o.cols ? `stty cols ${o.cols} rows 40; ` : ''
  // A person's terminal: CI (which turns spinners off) is the test runner's, not the user's.
  const env = { ...process.env }
  delete env.CI
  const child = spawn('script', ['-qec', `set -o pipefail; ${size}${quoted} | cat`, '/dev/null'], { env: { ...env, SHELL: '/bin/bash', NO_COLOR: '1' } })
  let text = ''
  child.stdout.on('data', (d) => {
    text += d
    if (/\[y\/N\]/.test(text) && !child.stdin.writableEnded) child.stdin.end(`${answer}\r`)
  })
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, text })))
}
