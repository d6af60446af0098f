// kubectl's flag habits on every command (issue #14), through the built binary: -h and help X,
// attached short values, the last -n wins, TYPE NAME, clear number errors, one -n in help,
// completion, version -o, and check's -o name, --no-headers, -o jsonpath, --fail-on none,
// istioctl's threshold flags and the code list.
import t from 'tap'
import { join } from 'node:path'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as yaml from 'js-yaml'
import { ensureBuilt, ROOT, run } from './support/cli.js'
import { renderJsonPath } from '../src/render/jsonpath.js'
import { MESSAGES } from '../src/classify/result/messages.js'

ensureBuilt()
const SHOP = join(ROOT, 'examples', 'shop.yaml')

t.test('-h and help X print the command\'s help', async (t) => {
  for (const args of [['check', '-h'], ['check', '--help'], ['help', 'check']]) {
    const r = run(args)
    t.equal(r.code, 0, args.join(' '))
    t.match(r.stdout, /^kubectl istiocni check\n/, args.join(' '))
    t.equal(r.stderr, '')
  }
  t.match(run(['help']).stdout, /Commands:[\s\S]*completion/)
  t.match(run(['-h']).stdout, /Commands:/)
})

t.test('attached short values and the last -n wins', async (t) => {
  const attached = run(['check', `-f${SHOP}`, '-ojson'])
  t.same(JSON.parse(attached.stdout), JSON.parse(run(['check', '-f', SHOP, '-o', 'json']).stdout))
  t.same(JSON.parse(run(['check', '-f', SHOP, '-o=json']).stdout).summary, JSON.parse(attached.stdout).summary)
  // -n names the target's namespace offline: the last one is used, not a joined value.
  const r = run(['explain', 'deploy/orders', '-f', SHOP, '-nnope', '-n', 'shop', '-o', 'json'])
  t.equal(r.code, 0, r.stderr)
  t.equal(JSON.parse(r.stdout).workload.namespace, 'shop')
  t.match(run(['explain', 'deploy/orders', '-f', SHOP, '-n', 'shop', '-nnope']).stderr, /^error: deployment\/orders not found in namespace nope/)
})

t.test('explain TYPE NAME with kubectl\'s short names', async (t) => {
  const slash = run(['explain', 'deployment/orders', '-f', SHOP, '-o', 'json']).stdout
  for (const type of ['deployment', 'deploy', 'deployments', 'Deployment', 'deployment.apps']) {
    t.equal(run(['explain', type, 'orders', '-f', SHOP, '-o', 'json']).stdout, slash, type)
  }
  t.equal(JSON.parse(run(['explain', 'sts', 'search', '-f', SHOP, '-o', 'json']).stdout).workload.kind, 'StatefulSet')
  t.equal(JSON.parse(run(['explain', 'ro', 'orders', '-f', join(ROOT, 'test/fixtures/kinds/rollout.yaml'), '-o', 'json']).stdout).workload.kind, 'Rollout')
  t.match(run(['explain']).stderr, /^error: explain needs a workload/)
})

t.test('--proxy-uid abc is a clear error; help lists -n once', async (t) => {
  const r = run(['check', '-f', SHOP, '--proxy-uid', 'abc'])
  t.equal(r.code, 1)
  t.equal(r.stderr, 'error: --proxy-uid must be a non-negative integer, got "abc"\n')
  for (const cmd of ['check', 'explain', 'fix', 'restart']) {
    const help = run([cmd, '--help']).stdout
    t.notMatch(help, /-n, -n/, cmd)
    t.match(help, /-n, --namespace/, cmd)
  }
})

t.test('completion bash|zsh|fish names every command and its flags', async (t) => {
  const bash = run(['completion', 'bash'])
  t.equal(bash.code, 0)
  t.match(bash.stdout, /complete -o default -F _kubectl_istiocni kubectl-istiocni/)
  t.match(bash.stdout, /check\) words="[^"]*--filename -f [^"]*--kustomize -k[^"]*--fail-on/)
  t.match(bash.stdout, /words="check explain fix restart version completion help"/)
  t.notMatch(bash.stdout, /--debug|--poll-interval/, 'hidden flags stay hidden')
  t.match(run(['completion', 'zsh']).stdout, /bashcompinit[\s\S]*complete -o default -F _kubectl_istiocni/)
  const fish = run(['completion', 'fish']).stdout
  t.match(fish, /complete -c kubectl-istiocni -n '__fish_seen_subcommand_from check' -l fail-on/)
  t.match(fish, /complete -c kubectl-istiocni -n '__fish_seen_subcommand_from fix' -s y/)
  t.equal(run(['completion', 'tcsh']).code, 1)
})

t.test('version -o json|yaml: the version and the git commit', async (t) => {
  const pkg = JSON.parse(run(['version', '-o', 'json']).stdout)
  t.same(Object.keys(pkg), ['version', 'gitCommit'])
  t.match(pkg.gitCommit, /^([0-9a-f]{40}|unknown)$/)
  t.same(yaml.load(run(['version', '-oyaml']).stdout), pkg)
})

t.test('check -o name, --no-headers, -o jsonpath', async (t) => {
  t.equal(run(['check', '-f', SHOP, '-o', 'name']).stdout, 'deployment.apps/orders\njob.batch/catalog-migrate\nstatefulset.apps/search\ndaemonset.apps/node-exporter\n')
  t.equal(run(['check', '-f', SHOP, '-o', 'name', '--show', 'breaks']).stdout, 'deployment.apps/orders\n')
  t.equal(run(['check', '-f', join(ROOT, 'test/fixtures/kinds/rollout.yaml'), '-o', 'name']).stdout, 'rollout.argoproj.io/orders\n')
  const table = run(['check', '-f', SHOP]).stdout.split('\n')
  t.equal(run(['check', '-f', SHOP, '--no-headers']).stdout, `${table.slice(1, 5).join('\n')}\n`, 'the rows, no header, no summary')
  t.equal(run(['check', '-f', SHOP, '-o', 'jsonpath={.workloads[*].name}']).stdout, 'orders catalog-migrate search node-exporter')
  t.equal(run(['check', '-f', SHOP, '-o', 'jsonpath={range .workloads[?(@.x)]}{end}']).code, 1)
  t.match(run(['check', '-f', SHOP, '-o', 'bogus']).stderr, /^error: unable to match a printer suitable for the output format "bogus", allowed formats are: table,wide,json,yaml,name,sarif,junit,jsonpath=TEMPLATE\n$/)
})

t.test('the JSONPath subset, on the result shape', async (t) => {
  const data = { workloads: [{ kind: 'Deployment', name: 'a', verdict: 'breaks', initContainers: [{ name: 'x' }, { name: 'y' }] }, { kind: 'Job', name: 'b', verdict: 'ok', initContainers: [] }], summary: { breaks: 1 } }
  t.equal(renderJsonPath('{.workloads[0].name}', data), 'a')
  t.equal(renderJsonPath('{.workloads[-1].name}', data), 'b')
  t.equal(renderJsonPath("{.summary['breaks']}", data), '1')
  t.equal(renderJsonPath('{..initContainers[*].name}', data), 'x y')
  t.equal(renderJsonPath('{range .workloads[*]}{.kind}/{.name}={.verdict}{"\\n"}{end}', data), 'Deployment/a=breaks\nJob/b=ok\n')
  t.equal(renderJsonPath('n: {.summary}', data), 'n: {"breaks":1}')
  t.equal(renderJsonPath('{.nothing}', data), '', 'no match prints nothing')
  t.throws(() => renderJsonPath('{range .workloads[*]}', data), /range\} without \{end/)
  t.throws(() => renderJsonPath('{.workloads[0:1]}', data), /unsupported JSONPath/)
})

t.test('--fail-on none, and istioctl analyze\'s thresholds', async (t) => {
  t.equal(run(['check', '-f', SHOP]).code, 3)
  t.equal(run(['check', '-f', SHOP, '--fail-on', 'none']).code, 0)
  t.equal(run(['check', '-f', join(ROOT, 'test/fixtures/kinds/rollout.yaml'), '--fail-on', 'none', '-o', 'json']).code, 0)
  t.equal(run(['check', '-f', SHOP, '--failure-threshold', 'Error']).code, 3)
  // A review workload alone: Error (breaks) passes, Warning fails.
  const review = join(mkdtempSync(join(tmpdir(), 'istiocni-habits-')), 'review.yaml')
  writeFileSync(review, 'apiVersion: v1\nkind: Pod\nmetadata: {name: unsure, namespace: x}\nspec:\n  initContainers: [{name: prep, image: acme/app, command: [/app/prepare]}]\n  containers: [{name: app, image: nginx}]\n')
  t.equal(run(['check', '-f', review, '--failure-threshold', 'Error']).code, 0)
  t.equal(run(['check', '-f', review, '--failure-threshold', 'Warning']).code, 3)
  const shown = run(['check', '-f', SHOP, '--output-threshold', 'Error', '-o', 'json'])
  t.same(JSON.parse(shown.stdout).workloads.map((w: { name: string }) => w.name), ['orders'])
  t.same(JSON.parse(run(['check', '-f', SHOP, '--output-threshold', 'Warning', '-o', 'json']).stdout).workloads.map((w: { name: string }) => w.name), ['orders', 'search'])
})

t.test('explain --list, --list-codes and codes list every code with its level', async (t) => {
  const list = run(['explain', '--list'])
  t.equal(list.code, 0)
  const lines = list.stdout.trimEnd().split('\n')
  t.match(lines[0], /^CODE +LEVEL +NAME +MESSAGE$/)
  t.equal(lines.length - 1, MESSAGES.size)
  t.match(list.stdout, /ICNI0101 +error +InitContainerNeedsNetwork +init container <container>/)
  t.equal(run(['codes']).stdout, list.stdout)
  const json = JSON.parse(run(['explain', '--list-codes', '-o', 'json']).stdout)
  t.same(json.map((c: { code: string }) => c.code), [...MESSAGES.keys()])
  t.same(Object.keys(json[0]), ['code', 'level', 'name', 'message'])
})

t.test('the summary counts the rows shown and what --show hid; next steps when something breaks', async (t) => {
  const r = run(['check', '-f', SHOP, '--show', 'breaks'])
  t.match(r.stdout, /\n1 workload: 1 breaks, 0 review, 0 ok, 0 not-meshed \(3 hidden by --show\)\n$/)
  t.equal(r.stderr, `Next: kubectl istiocni explain deployment/orders -n shop -f ${SHOP}; kubectl istiocni fix -f ${SHOP} --dry-run\n`)
  t.match(run(['check', '-f', SHOP]).stdout, /\n4 workloads: 1 breaks, 1 review, 1 ok, 1 not-meshed\n$/)
  t.equal(run(['check', '-f', SHOP, '-o', 'json']).stderr, '', 'no next steps outside the table')
})
