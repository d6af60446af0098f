// Imports run one way and the drawing of them is current (issue 16): runs scripts/imports.ts, which
// fails on an import against the layers (commands → render/fix/restart → cluster → classify →
// model), on a loop between files or rooms, on disk or API access from the pure core, and on a stale
// docs/imports.md.
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'imports.ts')], { cwd: root, encoding: 'utf8' })
t.equal(run.stdout.trim().split('\n').at(-1), '0 import problems', run.stdout)
t.equal(run.status, 0)
