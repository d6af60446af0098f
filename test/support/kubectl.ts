// The real kubectl, with the built plugin on PATH as kubectl-istiocni (end-to-end tests).
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { BIN, ensureBuilt } from './cli.js'

export const KUBECTL = ['/usr/bin/kubectl', ...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'kubectl'))].find((p) => existsSync(p))
export const NO_KUBECTL = KUBECTL ? false : 'kubectl is not installed (Debian kubernetes-client; .ci/run installs it)'

export interface Ran { code: number; stdout: string; stderr: string }

export function kubectl(args: string[], env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(KUBECTL!, args, { env, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr })
    })
  })
}

/** A PATH with the built plugin first (built when missing); the directory goes with the test. */
export function pluginPath(t: { teardown(fn: () => unknown): void }): string {
  ensureBuilt()
  const bin = mkdtempSync(join(tmpdir(), 'istiocni-e2e-'))
  t.teardown(() => rmSync(bin, { recursive: true, force: true }))
  symlinkSync(BIN, join(bin, 'kubectl-istiocni'))
  return `${bin}${delimiter}${process.env.PATH ?? ''}`
}
