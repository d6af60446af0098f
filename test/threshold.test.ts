// --fail-on (what makes the exit code 3) and --show (what is printed) are separate thresholds over
// the same levels: breaks ⊂ review ⊂ warning (issue #8).
import { join } from 'node:path'
import t from 'tap'
import { classifyLive } from '../src/classify/group.js'
import { classify } from '../src/classify/index.js'
import type { CheckResult } from '../src/classify/result/result.js'
import { applySuppressions, parseIgnores } from '../src/classify/result/suppress.js'
import { FAIL_ON, type FailOn, failing, shown } from '../src/classify/result/threshold.js'
import { readFiles } from '../src/cluster/files.js'

const CODES = join(import.meta.dirname, 'codes')

function load(files: string[], ignores: string[] = []): CheckResult {
  const read = readFiles(files.map((f) => join(CODES, f)))
  const { result, errors } = classify({ objects: read.objects, errors: read.errors, flags: {} })
  t.same(errors, [])
  return applySuppressions(result, read.objects, parseIgnores(ignores)).result
}

// One input per row; the columns say whether the run fails (exit 3) at each --fail-on level.
const GRID: [string, string, string[], Record<FailOn, boolean>][] = [
  ['verdict breaks', 'ICNI0101/raise.yaml', [], { breaks: true, review: true, warning: true }],
  ['verdict review', 'ICNI0103/raise.yaml', [], { breaks: false, review: true, warning: true }],
  ['ok with a warning side finding (ICNI0201)', 'ICNI0201/raise.yaml', [], { breaks: false, review: false, warning: true }],
  ['review with an error side finding (ICNI0203)', 'ICNI0203/raise.yaml', [], { breaks: false, review: true, warning: true }],
  ['ok with an info side finding only (ICNI0206)', 'ICNI0206/raise.yaml', [], { breaks: false, review: false, warning: false }],
  ['ok', 'ICNI0108/raise.yaml', [], { breaks: false, review: false, warning: false }],
  ['not-meshed', 'ICNI0107/raise.yaml', [], { breaks: false, review: false, warning: false }],
  ['breaks, its reason suppressed', 'ICNI0101/raise.yaml', ['ICNI0101=deploy/gitea/gitea'], { breaks: false, review: false, warning: false }],
  ['warning side finding suppressed', 'ICNI0201/raise.yaml', ['ICNI0201=job/ml-serving/model-prefetch'], { breaks: false, review: false, warning: false }],
]

for (const [name, file, ignores, want] of GRID) {
  t.test(`--fail-on: ${name}`, async (t) => {
    const result = load([file], ignores)
    for (const level of FAIL_ON) t.equal(failing(result, level), want[level], `--fail-on ${level}: exit ${want[level] ? 3 : 0}`)
  })
}

// A live check: cluster findings (ICNI03xx) have no verdict; error ones fail every level.
const LIVE_GRID: [string, string, Record<FailOn, boolean>][] = [
  ['CNI agent missing (ICNI0302, error)', 'ICNI0302/raise.yaml', { breaks: true, review: true, warning: true }],
  ['CNI agent not ready (ICNI0303, error)', 'ICNI0303/raise.yaml', { breaks: true, review: true, warning: true }],
  ['CNI agent not on all nodes (ICNI0304, warning)', 'ICNI0304/raise.yaml', { breaks: false, review: false, warning: true }],
  ['pods need a restart (ICNI0301, warning on a workload)', 'ICNI0301/raise.yaml', { breaks: false, review: false, warning: true }],
  ['Istio not found (ICNI0308, info)', 'ICNI0308/raise.yaml', { breaks: false, review: false, warning: false }],
  ['healthy cluster', 'ICNI0303/clean.yaml', { breaks: false, review: false, warning: false }],
]

for (const [name, file, want] of LIVE_GRID) {
  t.test(`--fail-on, live: ${name}`, async (t) => {
    const read = readFiles([join(CODES, file)])
    const live = { context: 'fixture', scope: { allNamespaces: true }, skippedNamespaces: [], warnings: [], nodesRead: true }
    const { result } = classifyLive({ objects: read.objects, errors: read.errors, flags: {}, live })
    for (const level of FAIL_ON) t.equal(failing(result, level), want[level], `--fail-on ${level}: exit ${want[level] ? 3 : 0}`)
  })
}

t.test('--show selects workloads by level; the summary counts them all', async (t) => {
  const all = load(['ICNI0101/raise.yaml', 'ICNI0103/raise.yaml', 'ICNI0201/raise.yaml', 'ICNI0108/raise.yaml', 'ICNI0107/raise.yaml'])
  const names = (r: CheckResult) => r.workloads.map((w) => `${w.verdict} ${w.name}`)
  t.same(names(shown(all, 'all')), ['breaks gitea', 'review unleash', 'ok model-prefetch', 'ok redis-master', 'not-meshed postgresql-pgdumpall'])
  t.same(names(shown(all, 'breaks')), ['breaks gitea'])
  t.same(names(shown(all, 'review')), ['breaks gitea', 'review unleash'])
  t.same(names(shown(all, 'warning')), ['breaks gitea', 'review unleash', 'ok model-prefetch'])
  t.same(shown(all, 'breaks').summary, all.summary)
  t.same(all.summary, { breaks: 1, ok: 2, 'not-meshed': 1, review: 1 })
})

t.test('--show does not change what fails', async (t) => {
  const result = load(['ICNI0101/raise.yaml', 'ICNI0103/raise.yaml'])
  t.equal(failing(result, 'breaks'), true)
  t.equal(failing(shown(result, 'review'), 'breaks'), true, 'the caller decides the exit code from the full result')
})
