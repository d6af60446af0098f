// No export without a user outside its file (issue 16): runs `npm run unused-exports`'s script.
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'unused-exports.ts')], { cwd: root, encoding: 'utf8' })
t.equal(run.stdout.trim().split('\n').at(-1), '0 exports of src/ without a user outside their file', run.stdout)
t.equal(run.status, 0)
