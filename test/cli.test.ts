// The plugin as users run it: the built bundle, real files, stdout/stderr and exit codes (issue #3).
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as yaml from 'js-yaml'
import { ensureBuilt, ROOT, run } from './support/cli.js'

ensureBuilt()
const dir = mkdtempSync(join(tmpdir(), 'istiocni-cli-'))
const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p }
const pod = (name: string, init: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: cli${extra}}\nspec:\n  initContainers: [${init}]\n  containers: [{name: app, image: nginx}]\n`
const okFile = file('ok.yaml', pod('fine', '{name: perms, image: busybox, command: [chown, "1000", /data]}'))
const reviewFile = file('review.yaml', pod('unsure', '{name: prep, image: acme/app, command: [/app/prepare]}'))

t.test('table on the example manifests: one row per workload, exit 3 because one breaks', async (t) => {
  const r = run(['check', '-f', 'examples/'])
  t.equal(r.code, 3)
  t.equal(r.stderr, 'Next: kubectl istiocni explain deployment/orders -n shop -f examples/; kubectl istiocni fix -f examples/ --dry-run\n', 'next steps on stderr')
  const lines = r.stdout.split('\n')
  t.match(lines[0], /^NAMESPACE +WORKLOAD +VERDICT +AT RISK +WHY$/)
  t.match(r.stdout, /shop +deployment\/orders +breaks +wait-for-db +connects to orders-postgresql:5432 before istio-p…\n/)
  t.ok(r.stdout.split('\n').every((l) => l.length <= 120), 'the default table fits 120 columns')
  t.match(run(['check', '-f', 'examples/', '-o', 'wide']).stdout, /shop +deployment\/orders +breaks +wait-for-db +init container wait-for-db connects to orders-postgresql:5432 before istio-proxy starts: .* +wait-for-db\(required\) volume-permissions\(none\) +examples\/shop\.yaml/, '-o wide: every cell whole')
  t.match(r.stdout, /\n5 workloads: 1 breaks, 2 review, 1 ok, 1 not-meshed\n$/, 'shop.yaml has four workloads, vault-agent.yaml one')
  t.notMatch(r.stdout, /\x1b\[/, 'no colour when stdout is not a terminal')
})

t.test('-o json prints exactly the result shape', async (t) => {
  const r = run(['check', '-f', 'examples/shop.yaml', '-o', 'json'])
  const out = JSON.parse(r.stdout)
  t.same(Object.keys(out), ['workloads', 'summary'])
  t.same(Object.keys(out.workloads[0]), ['kind', 'namespace', 'name', 'source', 'verdict', 'initContainers', 'findings'])
  // The shape only grows: confidence is new (issue 13); issue 16: the exemption's token beside its sentence.
  t.same(Object.keys(out.workloads[0].initContainers[0]), ['name', 'network', 'confidence', 'exempt', 'exemptToken', 'evidence'])
  t.same(Object.keys(out.workloads[0].findings[0]), ['severity', 'code', 'message', 'params', 'container'])
  t.same(out.workloads[0].findings[0].params, { container: 'wait-for-db', what: 'connects to orders-postgresql:5432' }, 'the values the message was filled with')
  t.same(out.summary, { breaks: 1, ok: 1, 'not-meshed': 1, review: 1 })
  // The line the workload's document starts at (after shop.yaml's Namespace and `---`), not its index (issue #14).
  t.equal(out.workloads[0].source, 'examples/shop.yaml:9')
  const y = run(['check', '-f', 'examples/shop.yaml', '-o', 'yaml'])
  t.same(yaml.load(y.stdout), out, '-o yaml carries the same data')
})

t.test('-o wide adds source and evidence', async (t) => {
  const r = run(['check', '-f', 'examples/shop.yaml', '-o', 'wide'])
  t.match(r.stdout.split('\n')[0], /^NAMESPACE +WORKLOAD +VERDICT +AT RISK +WHY +INIT CONTAINERS +SOURCE +EVIDENCE$/)
  t.match(r.stdout, /pg_isready -h orders-postgresql -p 5432 -U orders → TCP to orders-postgresql:5432/)
})

t.test('stdin with -f -, as after helm template', async (t) => {
  const r = run(['check', '-f', '-', '-o', 'json'], { input: readFileSync(join(ROOT, 'examples/shop.yaml'), 'utf8') })
  t.equal(r.code, 3)
  t.equal(JSON.parse(r.stdout).workloads[0].source, '<stdin>:9')
})

t.test('exit codes: 0 nothing breaks, 3 with --fail-on review, 1 on input errors', async (t) => {
  t.equal(run(['check', '-f', okFile]).code, 0)
  t.equal(run(['check', '-f', reviewFile]).code, 0)
  t.equal(run(['check', '-f', reviewFile, '--fail-on', 'review']).code, 3)
  const bad = file('bad.yaml', `${pod('good', '{name: x, image: busybox, command: [nc, -z, db, "5432"]}')}---\nkind: Pod\nmetadata: {name: [}\n---\n- not an object\n`)
  const r = run(['check', '-f', bad, '-o', 'json'])
  t.equal(r.code, 1)
  t.equal(JSON.parse(r.stdout).workloads.length, 1, 'the good document is still checked')
  const errors = r.stderr.trimEnd().split('\n')
  t.equal(errors.length, 2)
  // Each error names the line its document starts at (issue #14): the good Pod takes lines 1-6.
  t.match(errors[0], /^error: .*bad\.yaml:8: malformed YAML/)
  t.match(errors[1], /^error: .*bad\.yaml:11: document is a list/)
  t.notMatch(r.stderr, /\n\s+at /, 'no stack trace')
})

t.test('mesh flags change the answer: --dns-capture, --proxy-uid', async (t) => {
  const dns = file('dns.yaml', pod('lookup', '{name: wait, image: busybox, command: [sh, -c, "until nslookup api; do sleep 1; done"]}'))
  t.equal(run(['check', '-f', dns]).code, 0)
  t.equal(run(['check', '-f', dns, '--dns-capture']).code, 3)
  const uid = file('uid.yaml', pod('asuid', '{name: wait, image: busybox, command: [nc, -z, db, "5432"], securityContext: {runAsUser: 2000}}'))
  t.equal(run(['check', '-f', uid]).code, 3)
  t.equal(run(['check', '-f', uid, '--proxy-uid', '2000']).code, 0)
})

t.test('usage errors are one line and exit 1', async (t) => {
  const r = run(['check', '-f', okFile, '--bogus'])
  t.equal(r.code, 1)
  t.match(r.stderr, /^error: Unknown argument: bogus/)
  const neg = run(['check', '-f', okFile, '--proxy-uid', '-5'])
  t.equal(neg.code, 1)
  t.match(neg.stderr, /^error: --proxy-uid must be a non-negative integer/)
})

t.test('version', async (t) => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  t.equal(run(['--version']).stdout, `${pkg.version}\n`)
  t.equal(run(['version']).stdout, `${pkg.version}\n`)
})

t.test('offline check -f never resolves @kubernetes/client-node', async (t) => {
  const record = join(dir, 'imports.txt')
  writeFileSync(record, '')
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', join(ROOT, 'test/support/record-imports.mjs'), 'src/cli.ts', 'check', '-f', 'examples/shop.yaml'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, RECORD_IMPORTS: record } })
  t.equal(r.status, 3, r.stderr)
  const urls = readFileSync(record, 'utf8')
  t.match(urls, /src\/classify\/index\.ts/, 'the recorder saw the core')
  t.notMatch(urls, /@kubernetes\/client-node/)
})
