// The launcher of dist/kubectl-istiocni and its V8 code cache (scripts/build.mjs): the cache is
// an optimisation only, so a cache directory that cannot be made must never change a run, let
// alone hang it. With XDG_CACHE_HOME under /proc, Node's recursive mkdirSync never returned and
// the plugin never exited (issue 14): every run here has a deadline and fails when it is missed.
import t from 'tap'
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BIN, ensureBuilt, ROOT } from './support/cli.js'

ensureBuilt()
const DEADLINE_MS = 15_000

interface Timed { code: number | null; stdout: string; stderr: string; hung: boolean }

/** Runs the built plugin; kills it and reports `hung` past the deadline. */
function runWithDeadline(args: string[], env: Record<string, string>): Promise<Timed> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, KUBECTL_ISTIOCNI_NO_CACHE: '', NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c) => (stdout += c))
    child.stderr.on('data', (c) => (stderr += c))
    let hung = false
    const timer = setTimeout(() => { hung = true; child.kill('SIGKILL') }, DEADLINE_MS)
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr, hung }) })
  })
}

const tmp = mkdtempSync(join(tmpdir(), 'istiocni-launcher-'))
t.teardown(() => rmSync(tmp, { recursive: true, force: true }))
const notADir = join(tmp, 'file')
writeFileSync(notADir, '')

for (const [why, cache] of [
  ['under /proc (recursive mkdir never returns there)', '/proc/x'],
  ['below a file', join(notADir, 'cache')],
  ['under /dev/null', '/dev/null/x'],
] as const) {
  t.test(`an unwritable XDG_CACHE_HOME ${why}: the run ends, and its output is unchanged`, async (t) => {
    const r = await runWithDeadline(['explain', 'ICNI0101'], { XDG_CACHE_HOME: cache })
    t.equal(r.hung, false, `exits within ${DEADLINE_MS / 1000} s`)
    t.equal(r.code, 0)
    t.match(r.stdout, /ICNI0101/)
    t.equal(r.stderr, '')
  })
}

t.test('a writable XDG_CACHE_HOME that does not exist yet: made, parents included, and the cache is written once', async (t) => {
  const cache = join(tmp, 'a', 'b')
  const first = await runWithDeadline(['explain', 'ICNI0101'], { XDG_CACHE_HOME: cache })
  t.equal(first.code, 0)
  const files = readdirSync(join(cache, 'kubectl-istiocni'))
  t.equal(files.length, 1)
  t.match(files[0], /\.v8$/)
  const second = await runWithDeadline(['explain', 'ICNI0101'], { XDG_CACHE_HOME: cache })
  t.equal(second.code, 0)
  t.equal(second.stdout, first.stdout)
  t.same(readdirSync(join(cache, 'kubectl-istiocni')), files, 'the accepted cache is not rewritten')
})
