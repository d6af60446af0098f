// explain and fix (issue #5): golden texts and diffs, the corpus round trip, byte-identical rewrites.
import t, { type Test } from 'tap'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { analyze, judgeAgain } from '../src/classify/index.js'
import { readAgain, readFiles } from '../src/cluster/files.js'
import { planFix, type PlanSettings } from '../src/fix/plan.js'
import { rewrite } from '../src/fix/files.js'
import { applyToObject } from '../src/fix/apply.js'
import { explanation, renderExplainText } from '../src/render/explain.js'
import { piecewiseDiff, unifiedDiff } from '../src/render/diff.js'
import type { MeshFlags } from '../src/model/input.js'
import * as fixCommand from '../src/commands/fix.js'
import yargs from 'yargs'
import { CORPUS, flagsOf, loadCorpus } from './support/corpus.js'

const GOLDEN = join(import.meta.dirname, 'golden')
const update = process.env.UPDATE_GOLDEN === '1'
const tmp = mkdtempSync(join(tmpdir(), 'istiocni-fix-'))

function golden(t: Test, name: string, actual: string) {
  const file = join(GOLDEN, name)
  if (update) writeFileSync(file, actual)
  // A missing golden is a failure, not a new baseline: a test must be able to fail.
  if (!existsSync(file)) return t.fail(`test/golden/${name} is missing (UPDATE_GOLDEN=1 writes it)`)
  t.equal(actual, readFileSync(file, 'utf8'), `matches test/golden/${name} (UPDATE_GOLDEN=1 to accept a change)`)
}

/** Copies a case to a temp dir, so fixes can be written. */
function copyCase(file: string): string {
  const dest = join(tmp, basename(file))
  copyFileSync(file, dest)
  return dest
}

/**
 * `fix -f FILE [flags] [targets]` through the command's own parser and pipeline (validate →
 * complete: the workloads that break, or those named); then the rewrites are written.
 */
type FixArgs = Parameters<typeof fixCommand.validate>[0]
/** Parsed flags by command line (a yargs parse costs more than the fix of a small case). */
const parsed = new Map<string, FixArgs>()
async function fixFile(file: string, argv: string[] = [], targets: string[] = []) {
  const err = { text: '' }
  const key = [...argv, ...targets].join('\u0000')
  if (!parsed.has(key)) parsed.set(key, yargs(['fix', ...argv, ...targets]).command(fixCommand.command, fixCommand.describe, fixCommand.builder).strict().parseSync() as unknown as FixArgs)
  const args = { ...parsed.get(key)!, filename: [file] }
  const { plans, changes, errors } = await fixCommand.complete(args, fixCommand.validate(args), { out: { write: () => true }, err: { write: (s: string) => (err.text += s) }, color: false, isTTY: false })
  if (errors.length) throw new Error(`${file}: ${err.text}`)
  const rewrites = rewrite(changes, readAgain)
  for (const r of rewrites) writeFileSync(r.file, r.after)
  return { plans, rewrites }
}

// Representative cases: wait-for-db (uid), kubectl (ports), native, Vault (vendor knob), DNS capture (uid only).
const GOLDEN_CASES: [string, string, MeshFlags, PlanSettings, string[]][] = [
  ['004-bitnami-wait-for-db-function', 'Deployment/mastodon/mastodon-web', {}, {}, []],
  ['027-job-kubectl-wait-secret', '', {}, { strategy: 'exclude-ports' }, ['--strategy', 'exclude-ports']],
  ['085-vault-agent-injector-plain', '', {}, {}, []],
  ['002-k8s-docs-nslookup-dns-capture', '', { dnsCapture: true }, {}, ['--dns-capture']],
  ['013-k8s-wait-for-job-multi', '', {}, { istioVersion: '1.26.2', kubernetesVersion: '1.30.4' }, ['--istio-version', '1.26.2', '--kubernetes-version', '1.30.4']],
]

for (const [name, workload, flags, settings, argv] of GOLDEN_CASES) {
  t.test(`golden explain and diff: ${name}`, async (t) => {
    const file = copyCase(join(CORPUS, `${name}.yaml`))
    const read = readFiles([file])
    const { analyses } = analyze({ objects: read.objects, errors: read.errors, flags })
    const a = workload ? analyses.find((x) => `${x.workload.kind}/${x.workload.namespace}/${x.workload.name}` === workload)! : analyses.find((x) => x.result.verdict !== 'ok')!
    const text = renderExplainText(explanation(a, planFix(a, settings)), false).replaceAll(tmp, '<tmp>')
    golden(t, `${name}.explain.txt`, text)
    // Every workload at risk, named: fix takes a review workload only when it is named.
    const named = analyses.filter((x) => x.result.verdict === 'breaks' || x.result.verdict === 'review').map((x) => `${x.workload.kind}/${x.workload.name}`)
    const { rewrites } = await fixFile(file, argv, named)
    golden(t, `${name}.diff`, rewrites.map((r) => piecewiseDiff(r.pieces, `a/${name}.yaml`, `b/${name}.yaml`)).join(''))
  })
}

t.test('round trip over the corpus: after fix, every workload that broke and has an automatic fix is ok', async (t) => {
  let fixed = 0
  let explained = 0
  for (const c of loadCorpus()) {
    const flags = flagsOf(c.flags)
    const file = copyCase(c.file)
    const { plans } = await fixFile(file, c.flags)
    const read = readFiles([file])
    t.same(read.errors, [], `${c.name}: the rewritten file still parses`)
    const after = analyze({ objects: read.objects, errors: [], flags }).analyses
    for (const p of plans) {
      const w = p.workload.workload
      const now = after.find((a) => a.workload.kind === w.kind && a.workload.namespace === w.namespace && a.workload.name === w.name)!
      if (p.edits.length && !p.unfixed.length) {
        fixed++
        t.not(now.result.verdict, 'breaks', `${c.name} ${w.kind}/${w.name} no longer breaks`)
        t.same(planFix(now).edits, [], `${c.name} ${w.kind}/${w.name}: a second fix changes nothing`)
      } else {
        explained++
        t.ok(p.unfixed.length, `${c.name} ${w.kind}/${w.name}: what nothing automatic can fix is explained`)
        for (const u of p.unfixed) t.ok(u.advice.length > 20, u.advice)
      }
    }
  }
  t.ok(fixed > 30, `${fixed} workloads fixed, ${explained} explained`)
})

t.test('fix judges its edits again keeping the network analyses they leave alone: the same results as a fresh analysis', async (t) => {
  let kept = 0
  let judged = 0
  for (const c of loadCorpus()) {
    const read = readFiles([c.file])
    const { analyses, ctx } = analyze({ objects: read.objects, errors: [], flags: flagsOf(c.flags) })
    for (const a of analyses) {
      const edits = planFix(a).edits
      if (!edits.length) continue
      const edited = { source: a.workload.source, object: applyToObject(a.workload.object, edits) }
      const again = judgeAgain(ctx, edited, a)!
      t.same(again.result, judgeAgain(ctx, edited)!.result, `${c.name} ${a.workload.kind}/${a.workload.name}`)
      judged++
      kept += again.containers.filter((x) => a.containers.some((y) => y.network === x.network)).length
    }
  }
  t.ok(judged > 30 && kept > judged, `${judged} workloads judged again, ${kept} network analyses kept`)
})

t.test('rewriting keeps comments and other documents byte-identical', async (t) => {
  const text = [
    '# top comment',
    'apiVersion: v1',
    'kind: ConfigMap   # trailing comment',
    'metadata: {name: untouched}',
    'data:',
    '  a: "1"',
    '---',
    '# the workload',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: app   # keep me',
    '  namespace: fx',
    'spec:',
    '  template:',
    '    spec:',
    '      initContainers:',
    '      # waits for the database',
    '      - name: wait',
    '        image: busybox',
    "        command: ['sh', '-c', 'until nc -z db 5432; do sleep 1; done']",
    '      containers:',
    '      - {name: app, image: nginx}',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '    name: weird-indent',
    'spec:  {ports: [ {port: 80} ]}',
    '',
  ].join('\n')
  const file = join(tmp, 'comments.yaml')
  writeFileSync(file, text)
  await fixFile(file)
  const after = readFileSync(file, 'utf8')
  const docs = (s: string) => s.split(/^---$/m)
  t.equal(docs(after)[0], docs(text)[0], 'the document before is byte-identical')
  t.equal(docs(after)[2], docs(text)[2], 'the document after is byte-identical')
  t.match(docs(after)[1], /# waits for the database/)
  t.match(docs(after)[1], /name: app {3}# keep me/)
  t.match(docs(after)[1], /      - name: wait\n        image: busybox\n        command: \['sh', '-c', 'until nc -z db 5432; do sleep 1; done'\]\n        securityContext:\n          runAsUser: 1337\n/)
  t.equal(unifiedDiff(text, after, 'a', 'b').split('\n').filter((l) => /^[+-][^+-]/.test(l)).length, 2, 'only the two added lines differ')
})

t.test('strategies are refused with the reason where they cannot work', async (t) => {
  const file = copyCase(join(CORPUS, '002-k8s-docs-nslookup-dns-capture.yaml'))
  const read = readFiles([file])
  const a = analyze({ objects: read.objects, errors: [], flags: { dnsCapture: true } }).analyses.find((x) => x.result.verdict === 'breaks')!
  const plan = planFix(a, { strategy: 'exclude-ports' })
  t.same(plan.edits, [])
  t.match(plan.unfixed[0]!.advice, /--strategy exclude-ports cannot work: DNS capture is on and it resolves names/)
  const native = planFix(a, { strategy: 'native' })
  t.match(native.unfixed[0]!.advice, /versions are not known/)
  t.match(planFix(a).edits, [{ kind: 'runAsUser', value: 1337 }], 'the proxy UID works whatever the DNS setting')
})
