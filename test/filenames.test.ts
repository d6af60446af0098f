// `-f` and `-k` as kubectl reads them (issue #14), through the built binary: repeated and comma
// lists, -R, a kustomization rendered by the real `kubectl kustomize`, hints for kustomize and Helm
// directories given to -f, and an empty -f as a usage error (never a silent live read).
import t from 'tap'
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensureBuilt, ROOT, run } from './support/cli.js'

ensureBuilt()
const dir = mkdtempSync(join(tmpdir(), 'istiocni-filenames-'))
const KINDS = join(ROOT, 'test', 'fixtures', 'kinds')
const names = (stdout: string) => JSON.parse(stdout).workloads.map((w: { kind: string; name: string; verdict: string }) => `${w.kind}/${w.name}:${w.verdict}`)

// A base with the breaking orders Deployment, and an overlay whose patch runs wait-for-db as the proxy UID.
mkdirSync(join(dir, 'base'))
mkdirSync(join(dir, 'overlay'))
cpSync(join(KINDS, 'deployment.yaml'), join(dir, 'base', 'app.yaml'))
writeFileSync(join(dir, 'base', 'kustomization.yaml'), 'resources: [app.yaml]\n')
writeFileSync(join(dir, 'overlay', 'kustomization.yaml'), 'resources: [../base]\npatches:\n- path: patch.yaml\n')
writeFileSync(join(dir, 'overlay', 'patch.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: orders, namespace: shop}\nspec:\n  template:\n    spec:\n      initContainers:\n      - name: wait-for-db\n        securityContext: {runAsUser: 1337}\n')

t.test('-f repeated and comma lists read every file, in order', async (t) => {
  const r = run(['check', '-f', `${join(KINDS, 'rollout.yaml')},${join(KINDS, 'cloneset.yaml')}`, '-f', join(KINDS, 'generic.yaml'), '-o', 'json'])
  t.equal(r.stderr, '')
  t.same(names(r.stdout), ['Rollout/orders:breaks', 'CloneSet/orders:breaks', 'Worker/orders:breaks'])
})

t.test('directories: the top level without -R, every level with -R', async (t) => {
  const tree = join(dir, 'tree')
  mkdirSync(join(tree, 'sub'), { recursive: true })
  cpSync(join(KINDS, 'deployment.yaml'), join(tree, 'a.yaml'))
  cpSync(join(KINDS, 'rollout.yaml'), join(tree, 'sub', 'b.yaml'))
  t.same(names(run(['check', '-f', tree, '-o', 'json']).stdout), ['Deployment/orders:breaks'])
  t.same(names(run(['check', '-f', tree, '-R', '-o', 'json']).stdout), ['Deployment/orders:breaks', 'Rollout/orders:breaks'])
  t.same(names(run(['check', '-f', tree, '--recursive', '-o', 'json']).stdout), ['Deployment/orders:breaks', 'Rollout/orders:breaks'])
})

t.test('-k renders with kubectl kustomize: the patched Deployment is judged once, with the patch applied', async (t) => {
  const base = run(['check', '-k', join(dir, 'base'), '-o', 'json'])
  t.same(names(base.stdout), names(run(['check', '-f', join(KINDS, 'deployment.yaml'), '-o', 'json']).stdout), 'the base judges as the plain manifest')
  const r = run(['check', '-k', join(dir, 'overlay'), '-o', 'json'])
  t.equal(r.code, 0)
  t.equal(r.stderr, '')
  const out = JSON.parse(r.stdout)
  t.same(names(r.stdout), ['Deployment/orders:ok'], 'one workload, the patch applied')
  t.match(out.workloads[0].initContainers[0].exempt, /^proxy-uid/)
  t.match(out.workloads[0].source, /overlay \(kustomize\):\d+$/)
  const fix = run(['fix', '-k', join(dir, 'base'), '--dry-run'])
  t.match(fix.stdout, /\+ +runAsUser: 1337|\+ +securityContext/, 'fix --dry-run shows the change on the rendered object')
  const write = run(['fix', '-k', join(dir, 'base')])
  t.equal(write.code, 1)
  t.match(write.stderr, /^error: -k: the rendered objects are not written anywhere: add the patches of `kubectl istiocni fix -k .* -o patch`/m)
  const patch = run(['fix', '-k', join(dir, 'base'), '-o', 'patch'])
  t.match(patch.stdout, /kind: Deployment[\s\S]*runAsUser: 1337/)
})

t.test('-k: a broken kustomization is one error naming the directory; no kubectl is a one-line error', async (t) => {
  const bad = join(dir, 'bad')
  mkdirSync(bad)
  writeFileSync(join(bad, 'kustomization.yaml'), 'resources: [missing.yaml]\n')
  const r = run(['check', '-k', bad])
  t.equal(r.code, 1)
  t.match(r.stderr, new RegExp(`^error: ${bad}: kustomize: .*missing\\.yaml`, 'm'))
  const none = run(['check', '-k', join(dir, 'base')], { env: { PATH: '/nonexistent' } })
  t.equal(none.code, 1)
  t.equal(none.stderr.split('\n').length, 2, 'one line')
  t.match(none.stderr, /^error: -k .* renders with kubectl kustomize, and kubectl is not on PATH/)
  t.match(run(['check', '-k', join(dir, 'base'), '-f', join(KINDS, 'rollout.yaml')]).stderr, /^error: only one of -f or -k can be specified/)
})

t.test('-f on a kustomize directory: a hint to use -k; kustomization.yaml is not an error', async (t) => {
  const r = run(['check', '-f', join(dir, 'base'), '-o', 'json'])
  t.equal(r.code, 3)
  t.equal(r.stderr, `hint: ${join(dir, 'base')} is a kustomize directory: check what it renders with -k ${join(dir, 'base')} (kustomization.yaml is not read as a manifest)\n`)
  t.same(names(r.stdout), ['Deployment/orders:breaks'])
})

t.test('-f on a Helm chart: a hint to pipe helm template, no parse errors', async (t) => {
  const chart = join(dir, 'chart')
  mkdirSync(join(chart, 'templates'), { recursive: true })
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 0.1.0\n')
  writeFileSync(join(chart, 'templates', 'deployment.yaml'), 'apiVersion: apps/v1\nkind: {{ .Values.kind }}\nmetadata:\n  name: {{ include "shop.fullname" . }}\n')
  const r = run(['check', '-f', chart, '-R'])
  t.equal(r.code, 0)
  t.equal(r.stdout, '')
  t.equal(r.stderr, `hint: ${chart} is a Helm chart: check what it renders: helm template <release> ${chart} | kubectl istiocni check -f -\nNo workloads found in the input.\n`)
})

t.test('-f without a value is a usage error, never a live read', async (t) => {
  for (const args of [['check', '-f'], ['check', '-f', '--dns-capture'], ['check', '-f', ''], ['check', '-f', 'a.yaml,']]) {
    const r = run(args)
    t.equal(r.code, 1, args.join(' '))
    t.equal(r.stderr, 'error: flag needs an argument: -f (a file, a directory, or - for stdin)\n', args.join(' '))
  }
})
