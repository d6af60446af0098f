// What check prints for a person (issue #14): tables that fit 120 columns offline and live (details
// in -o wide), suppressed rows with --show-suppressed, -o custom-columns, the next-steps line only
// after a table, and --debug stacks in the TypeScript sources. The built plugin, real manifests.
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BIN, ensureBuilt, ROOT, run, runAsync } from './support/cli.js'
import { FIXTURES, serve } from './support/serve.js'
import type { KObj } from './support/apiserver.js'

ensureBuilt()
const dir = mkdtempSync(join(tmpdir(), 'istiocni-output-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))

const width = (text: string) => Math.max(...text.split('\n').map((l) => l.length))
// The corpus cases whose rows are the longest (-o wide: 1,400 to 1,600 characters).
const VELERO = 'test/corpus/116-velero-cleanup-crds-kubectl-inits.yaml'
const POSTHOG = 'test/corpus/240-posthog-web-partial-port-exclusion-clickhouse-native.yaml'
const GITEA = 'test/fixtures/sarif/multi.yaml'

t.test('offline: the default table fits 120 columns; -o wide prints every cell whole', async (t) => {
  const all = run(['check', '-f', 'test/corpus/'])
  t.ok(width(all.stdout) <= 120, `the whole corpus (${all.stdout.split('\n').length} lines) fits: widest ${width(all.stdout)}`)
  t.match(all.stdout, /\nkserve-models +pod\/sklearn-iris…7f8b9c5d6-x2x9k +breaks +storage-initializer +\S/, 'names are cut in the middle only when nothing else is left: their start and end stay')

  const velero = run(['check', '-f', VELERO])
  t.equal(velero.stdout, [
    'NAMESPACE   WORKLOAD                  VERDICT   AT RISK                         WHY',
    'velero-ci   job/velero-cleanup-crds   breaks    delete-restore,delete-backup…   connects to the Kubernetes API server (…',
    '', '1 workload: 1 breaks, 0 review, 0 ok, 0 not-meshed', ''].join('\n'), 'the breaking init containers and the reason, cut with …')
  const wide = run(['check', '-f', VELERO, '-o', 'wide'])
  t.ok(width(wide.stdout) > 1000, '-o wide is not cut')
  t.match(wide.stdout.split('\n')[0], /^NAMESPACE +WORKLOAD +VERDICT +AT RISK +WHY +INIT CONTAINERS +SOURCE +EVIDENCE$/, '-o wide: the default columns, then the details')
  t.match(wide.stdout, /delete-restore,delete-backup,delete-backupstoragelocation,delete-volumesnapshotlocation,delete-podvolumerestore +init container delete-restore connects to the Kubernetes API server \(\$KUBERNETES_SERVICE_HOST:443\) before istio-proxy starts: under CNI/)

  const posthog = run(['check', '-f', POSTHOG, '--no-headers'])
  t.equal(posthog.stdout, 'b3-posthog-web   deployment/posthog-web   review    wait-for-migrations   excludeOutboundPorts "8123,6543,5432,6379,909…\n', '--no-headers: the row only, cut the same way')
})

const noScript = spawnSync('script', ['--version']).error !== undefined
t.test('colour on a terminal only, and never with NO_COLOR', { skip: noScript && 'script(1) is not installed: no pseudo-terminal' }, async (t) => {
  const onTty = (env: string) => spawnSync('script', ['-qec', `${env} ${process.execPath} ${BIN} check -f ${VELERO}`, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', KUBECTL_ISTIOCNI_NO_CACHE: '1' } }).stdout.replace(/\r/g, '')
  const coloured = onTty('')
  t.match(coloured, /velero-ci +job\/velero-cleanup-crds +\x1b\[31mbreaks\x1b\[0m {4}delete-restore/, 'the verdict is red; the padding is measured without the colour codes')
  t.ok(width(coloured.split('\n').slice(0, 2).join('\n').replace(/\x1b\[\d+m/g, '')) <= 120, 'still 120 columns')
  t.notMatch(onTty('NO_COLOR=1'), /\x1b\[/, 'NO_COLOR: none')
})

t.test('--show-suppressed: a suppressed row per suppressed finding, with where it comes from', async (t) => {
  const plain = run(['check', '-f', GITEA])
  t.notMatch(plain.stdout, /suppressed +/, 'hidden by default')
  t.match(plain.stdout, /\n4 workloads: 1 breaks, 1 review, 2 ok, 0 not-meshed \(1 finding suppressed\)\n$/, 'but counted')
  const shown = run(['check', '-f', GITEA, '--show-suppressed', '--ignore', 'ICNI0101=deployment/gitea/gitea'])
  t.match(shown.stdout, /\ngitea +deployment\/gitea +ok +- +every risk is suppressed \(ICNI0101\)[^\n]*\ngitea +deployment\/gitea +suppressed +wait-for-postgres +ICNI0101 \(--ignore\)\n/, 'a flag: under its workload, marked, naming --ignore')
  t.match(shown.stdout, /\ngitea +job\/gitea-backup +ok +[^\n]*\ngitea +job\/gitea-backup +suppressed +- +ICNI0201 \(istiocni\.io\/ignore: backup job talks/, 'an annotation: with its reason')
  t.match(shown.stdout, /\(2 findings suppressed\)\n$/)
  const wide = run(['check', '-f', GITEA, '--show-suppressed', '-o', 'wide', '--ignore', 'ICNI0101=deployment/gitea/gitea'])
  t.match(wide.stdout, /gitea +deployment\/gitea +suppressed +wait-for-postgres +ICNI0101 \(--ignore ICNI0101=deployment\/gitea\/gitea\) init container wait-for-postgres connects to /, '-o wide: the --ignore that matched')
  t.match(wide.stdout, /gitea-backup +suppressed +- +ICNI0201 \(istiocni\.io\/ignore: backup job talks only to object storage outside the mesh\) pod-level runAsUser 1337 is the proxy UID: the application traffic bypasses the sidecar +- +test\/fixtures\/sarif\/multi\.yaml:\d+ +-\n/, '-o wide: the whole message and the source')
  // -o json has the same rows: suppressed findings only with --show-suppressed.
  const suppressedIn = (args: string[]) => JSON.parse(run(['check', '-f', GITEA, '-o', 'json', ...args]).stdout).workloads.flatMap((w: any) => w.findings.filter((f: any) => f.suppressed).map((f: any) => `${w.name} ${f.code} ${f.suppressed.by}`))
  t.same(suppressedIn([]), [])
  t.same(suppressedIn(['--show-suppressed']), ['gitea-backup ICNI0201 annotation'])
})

t.test('-o custom-columns and custom-columns-file, as kubectl', async (t) => {
  const spec = 'NAME:.name,VERDICT:.verdict,INIT:.initContainers[*].name,CODES:{.findings[*].code},OWNER:.live.revision'
  const r = run(['check', '-f', 'examples/', '-o', `custom-columns=${spec}`])
  t.equal(r.code, 3)
  t.equal(r.stdout, [
    'NAME              VERDICT      INIT                             CODES               OWNER',
    'orders            breaks       wait-for-db,volume-permissions   ICNI0101            <none>',
    'catalog-migrate   ok           migrate                          ICNI0108,ICNI0206   <none>',
    'search            review       prepare-index                    ICNI0103            <none>',
    'node-exporter     not-meshed   fetch-textfiles                  ICNI0107            <none>',
    'payments          review       <none>                           ICNI0105            <none>', ''].join('\n'))
  t.equal(r.stderr, '', 'no next steps: only a table gets them')
  t.equal(run(['check', '-f', 'examples/shop.yaml', '-o', 'custom-columns=NAME:name', '--no-headers']).stdout, 'orders\ncatalog-migrate\nsearch\nnode-exporter\n', 'a path without the leading dot; --no-headers')
  const file = join(dir, 'columns.txt')
  writeFileSync(file, 'WORKLOAD   VERDICT\n.name      .verdict\n')
  t.equal(run(['check', '-f', 'examples/vault-agent.yaml', '-o', `custom-columns-file=${file}`]).stdout, 'WORKLOAD   VERDICT\npayments   review\n')
  const bad = (o: string) => { const x = run(['check', '-f', 'examples/', '-o', o]); return [x.code, x.stdout, x.stderr] }
  t.same(bad('custom-columns=NAME'), [1, '', 'error: -o custom-columns=NAME: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n'])
  t.same(bad('custom-columns=A:.x[?(@.a)]'), [1, '', 'error: -o custom-columns=A:.x[?(@.a)]: column A: unsupported JSONPath at "[?(@.a)]" in {.x[?(@.a)]} (supported: .field, [\'field\'], [n], [*], ..field, range/end)\n'])
  t.same(bad('custom-columns='), [1, '', 'error: -o custom-columns=: custom-columns format specified but no custom columns given\n'])
  t.same(bad(`custom-columns-file=${join(dir, 'missing')}`), [1, '', `error: -o custom-columns-file=${join(dir, 'missing')}: cannot read ${join(dir, 'missing')}: no such file\n`])
  writeFileSync(file, 'A B\n.name\n')
  t.same(bad(`custom-columns-file=${file}`), [1, '', `error: -o custom-columns-file=${file}: 2 headers but 1 JSONPath expressions\n`])
})

t.test('live: the table fits 120 columns, suppressed rows, next steps only after a table', async (t) => {
  // The fixture cluster plus a workload with names at Kubernetes' limits and three init containers.
  const ns = 'payments-settlement-reconciliation-batch-processing-eu-west-1a'
  const long = structuredClone(FIXTURES.find((o) => o.kind === 'Deployment' && o.metadata.name === 'checkout')!) as KObj
  long.metadata = { name: 'settlement-reconciliation-worker-with-a-very-long-name', namespace: ns, labels: { app: 'long' } }
  long.spec.selector.matchLabels = { app: 'long' }
  long.spec.template.metadata.labels = { app: 'long' }
  const wait = long.spec.template.spec.initContainers[0]
  long.spec.template.spec.initContainers = ['wait-for-postgres-primary', 'wait-for-kafka-brokers', 'wait-for-redis-sentinel'].map((name) => ({ ...wait, name }))
  delete long.status
  const s = await serve(t, { objects: [...FIXTURES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'istio-injection': 'enabled' } } }, long] })
  const env = { KUBECONFIG: s.kubeconfigPath }

  const table = await runAsync(['check', '-A'], { env })
  t.equal(table.code, 3)
  const rows = table.stdout.split('\n\n')[0]!
  t.ok(width(rows) <= 120, `every row fits 120 columns (widest ${width(rows)})`)
  t.match(rows, /^NAMESPACE +WORKLOAD +VERDICT +PODS +RESTART +AT RISK +WHY\n/)
  t.match(rows, /\npayments-s…u-west-1a +deployment…-long-name +breaks +0 +- +wait-for-po… +connects to postgre…\n/, 'at the limits, names are cut in the middle (start and end stay); verdict and pod counts are never cut')
  t.match(rows, /\nshop +deployment\/checkout +breaks +2 +1 +wait-for-db +connects to postgre…\n/, 'short cells stay whole')
  t.match(rows, /\nshop +deployment\/inventory +breaks +1 \(1 broken\) +- +- +pod is broken now/)
  t.match(table.stderr, /^Next: kubectl istiocni explain deployment\/settlement-reconciliation-worker-with-a-very-long-name -n payments-settlement-reconciliation-batch-processing-eu-west-1a; kubectl istiocni fix -A --dry-run; kubectl istiocni restart -A --dry-run\n$/, 'the next steps: one line on stderr')

  const wide = await runAsync(['check', '-A', '-o', 'wide'], { env })
  t.match(wide.stdout, /^NAMESPACE +WORKLOAD +VERDICT +PODS +RESTART +AT RISK +WHY +MODE NOW→NEW +INIT CONTAINERS +EVIDENCE\n/)
  t.match(wide.stdout, /\nshop +deployment\/checkout +breaks +2 +1 +wait-for-db +init container wait-for-db connects to postgres\.shop\.svc\.cluster\.local:5432 before istio-proxy starts: under CNI the connection is redirected to 127\.0\.0\.1:15001, where nothing listens yet +legacy:1\+cni:1→cni +wait-for-db\(required\) +wait-for-db: /)
  t.match(wide.stderr, /^Next: /m, '-o wide is a table too')

  const noHeaders = await runAsync(['check', '-n', 'shop', '--no-headers'], { env })
  t.match(noHeaders.stdout, /^shop +deployment\/checkout +breaks +2 +1 +wait-for-db /, '--no-headers: rows only')
  t.notMatch(noHeaders.stdout, /NAMESPACE|workloads:|Cluster:/)

  const suppressed = await runAsync(['check', '-n', 'shop', '--show-suppressed', '--ignore', 'ICNI0101=deployment/shop/checkout'], { env })
  t.match(suppressed.stdout, /\nshop +deployment\/checkout +ok +2 +1 +- +every risk is suppressed[^\n]*\nshop +deployment\/checkout +suppressed +- +- +wait-for-db +ICNI0101 \(--ignore\)\n/, 'live: the suppressed row under its workload, pod columns empty')

  for (const o of ['json', 'yaml', 'name', 'jsonpath={.summary.breaks}', 'custom-columns=NAME:.name']) {
    const r = await runAsync(['check', '-A', '-o', o], { env })
    t.equal(r.code, 3, `-o ${o}: exit 3 all the same`)
    t.equal(r.stderr, '', `-o ${o}: no next steps`)
  }
})

t.test('--debug: an internal error names the TypeScript sources; without it, one line', async (t) => {
  const force = ['--require', join(ROOT, 'test/fixtures/force-error.cjs'), BIN, 'check', '-f', 'examples/']
  const env = { ...process.env, NO_COLOR: '1', KUBECTL_ISTIOCNI_NO_CACHE: '1' }
  const debug = spawnSync(process.execPath, [...force, '--debug'], { cwd: ROOT, encoding: 'utf8', env })
  t.equal(debug.status, 1)
  t.match(debug.stderr, /^TypeError: forced internal error\n {4}at [^\n]*force-error\.cjs:\d+:\d+\)\n {4}at \S+ \(src\/commands\/check\.ts:\d+:\d+\)\n/, 'the first frame of the bundle is in src/commands/check.ts')
  t.match(debug.stderr, /\(src\/cli\.ts:\d+:\d+\)/)
  t.notMatch(debug.stderr, /\.app\.js:\d+/, 'no frame left in the minified bundle')
  const plain = spawnSync(process.execPath, force, { cwd: ROOT, encoding: 'utf8', env })
  t.equal(plain.stderr, 'error: forced internal error (run with --debug for details)\n')
  t.equal(plain.status, 1)
})
