// The request budget (issue 14) against the test API server: `--request-timeout` bounds each
// request with its retries and waits (a hung server used to cost 4 × the timeout), Retry-After is
// honoured while it fits the budget, an exec credential plugin has a deadline, a server failing on
// a list that only adds detail (nodes, webhooks, events, the preflight's reads) degrades to a
// warning and a read marked incomplete (exit 4) while pods and workloads still fail clearly, and a
// kubeconfig that is empty or names what it lacks is one line, never a JavaScript TypeError.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dump } from 'js-yaml'
import t from 'tap'
import { serve } from './support/serve.js'
import { type LiveOptions, readCluster } from '../src/cluster/live.js'
import { run as runCheck } from '../src/commands/check.js'
import type { TestApiServer } from './support/apiserver.js'

const read = (s: TestApiServer, o: Partial<LiveOptions> = {}) =>
  readCluster({ kubeconfig: s.kubeconfigPath, allNamespaces: true, flags: {}, backoffMs: 5, env: {}, ...o })

/** Milliseconds `p` takes to settle, and how. */
async function timed<T>(p: Promise<T>): Promise<{ ms: number; value?: T; error?: Error }> {
  const started = performance.now()
  try {
    const value = await p
    return { ms: performance.now() - started, value }
  } catch (error) {
    return { ms: performance.now() - started, error: error as Error }
  }
}

// The client library loads on the first read (seconds under tsx on a busy machine): not in the timings.
await import('@kubernetes/client-node')

const podLists = (s: TestApiServer) => s.requests.filter((r) => r.path === '/api/v1/pods')

t.test('a hung list: one attempt, ended by --request-timeout, not 4 × it', async (t) => {
  const s = await serve(t, { faults: [{ path: '/api/v1/pods', status: 200, hang: true }] })
  const r = await timed(read(s, { requestTimeout: '400ms', retries: 3 }))
  t.match(r.error?.message, /^GET \/api\/v1\/pods on http:\/\/127\.0\.0\.1:\d+ failed after 1 attempt: no answer within 0\.4s, the --request-timeout$/)
  t.ok(r.ms >= 390 && r.ms < 1200, `ended after ${r.ms.toFixed(0)} ms (budget 400 ms; the old retries took 1600 ms)`)
  t.equal(podLists(s).length, 1, 'no retry once the budget is spent')
})

t.test('a 503 then a hang: the retry shares the budget, and the message names the first failure', async (t) => {
  const s = await serve(t, { faults: [{ path: '/api/v1/pods', status: 503, times: 1 }, { path: '/api/v1/pods', status: 200, hang: true }] })
  const r = await timed(read(s, { requestTimeout: '400ms' }))
  t.match(r.error?.message, /failed after 2 attempts: no answer within 0\.4s, the --request-timeout \(before: 503: the server is currently unable to handle the request\)$/)
  t.ok(r.ms < 1000, `ended after ${r.ms.toFixed(0)} ms`)
  t.same(podLists(s).map((q) => q.status), [503, undefined], 'the second attempt never got an answer')
})

t.test('Retry-After: honoured when it fits the budget, refused at once when it does not', async (t) => {
  const fits = await serve(t, { faults: [{ path: '/api/v1/pods', status: 429, times: 1, retryAfterSeconds: 1 }] })
  const ok = await timed(read(fits, { requestTimeout: '5s' }))
  t.equal(ok.error, undefined)
  t.ok(ok.ms >= 1000, `waited the second the server asked for (${ok.ms.toFixed(0)} ms; the backoff alone is 5 ms)`)
  t.same(podLists(fits).map((q) => q.status), [429, 200])

  const past = await serve(t, { faults: [{ path: '/api/v1/pods', status: 503, retryAfterSeconds: 3 }] })
  const r = await timed(read(past, { requestTimeout: '1s' }))
  t.match(r.error?.message, /failed after 1 attempt: 503: the server is currently unable to handle the request; the server asks to retry after 3s, past the --request-timeout of 1s$/)
  t.ok(r.ms < 800, `no useless wait (${r.ms.toFixed(0)} ms)`)
  t.equal(podLists(past).length, 1)

  const forever = await serve(t, { faults: [{ path: '/api/v1/pods', status: 503, times: 1, retryAfterSeconds: 1 }] })
  t.equal((await timed(read(forever, { requestTimeout: '0' }))).error, undefined, '--request-timeout 0: no budget, the Retry-After is waited')
})

t.test('a server failing on a list that only adds detail: a warning, the read marked incomplete', async (t) => {
  for (const [what, path, warning] of [
    ['nodes', '/api/v1/nodes', /^cannot list nodes \(GET \/api\/v1\/nodes on \S+ failed after 4 attempts: 503: .*\): whether the CNI node agent covers every node is not checked$/],
    ['webhooks', '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations', /^cannot list MutatingWebhookConfigurations \(.* 500: Internal error occurred: injected fault\): revision tags are not resolved$/],
    ['events', '/api/v1/events', /^cannot list events cluster-wide \(.*503.*\): FailedCreatePodSandBox events are not checked$/],
    ['the server version', '/version', /^cannot read the server version \(.*500.*\): the preflight checks that need them are skipped$/],
  ] as const) {
    t.test(what, async (t) => {
      const s = await serve(t, { faults: [{ path, status: path === '/api/v1/nodes' || path === '/api/v1/events' ? 503 : 500 }] })
      const input = await read(s)
      t.match(input.live.warnings, [warning])
      t.equal(input.live.warnings.length, 1)
      t.equal(input.live.incomplete, true)
      t.equal(s.requests.filter((q) => q.path === path).length, 4, 'retried like any request first')
      if (what === 'nodes') t.equal(input.live.nodesRead, false, 'no node count is claimed')
      t.ok(input.objects.some((o) => o.object.kind === 'Pod'), 'pods and workloads read as usual')
    })
  }
  t.test('a 403 on the same lists is how the user sees the cluster: a warning, not incomplete', async (t) => {
    const s = await serve(t, { faults: [{ path: '/api/v1/nodes', status: 403 }] })
    const input = await read(s)
    t.same(input.live.warnings, ['cannot list nodes (forbidden): whether the CNI node agent covers every node is not checked'])
    t.equal(input.live.incomplete, undefined)
  })
})

t.test('pods and workloads are essential: a server failing on them fails the read clearly', async (t) => {
  for (const path of ['/api/v1/pods', '/apis/apps/v1/deployments', '/apis/argoproj.io/v1alpha1/rollouts']) {
    const s = await serve(t, { faults: [{ path, status: 503 }] })
    await t.rejects(read(s, { retries: 1 }), { message: new RegExp(`^GET ${path.replace(/[./]/g, '\\$&')} on \\S+ failed after 2 attempts: 503: `) }, path)
  }
})

t.test('the command: exit 4 and incomplete: true in -o json when a detail list fails', async (t) => {
  const s = await serve(t, { faults: [{ path: '/api/v1/nodes', status: 503 }] })
  const out: string[] = []
  const err: string[] = []
  const streams = { out: { write: (x: string) => out.push(x) }, err: { write: (x: string) => err.push(x) }, color: false, isTTY: false }
  // --fail-on none: the fixtures' CNI agent is not ready (a cluster error, exit 3 at any other
  // level), so only the partial read decides the exit code.
  const code = await runCheck({ 'fail-on': 'none', show: 'all', 'show-suppressed': false, kubeconfig: s.kubeconfigPath, namespace: 'kube-public', output: 'json' } as never, streams)
  const json = JSON.parse(out.join(''))
  t.equal(json.incomplete, true)
  t.match(json.warnings, [/^cannot list nodes \(.*503.*\): whether the CNI node agent covers every node is not checked$/])
  t.equal(code, 4, err.join(''))
})

t.test('kubeconfigs that lack something: one line like kubectl, never a TypeError', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'istiocni-budget-kc-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text)
    return join(dir, name)
  }
  const cluster = { name: 'c', cluster: { server: 'http://127.0.0.1:9' } }
  const user = { name: 'u', user: { token: 'x' } }
  const cases: [string, string, RegExp][] = [
    ['empty', '', /^kubeconfig \S+\/empty is empty: it defines no cluster, user or context$/],
    ['comments only', '# nothing yet\n', /^kubeconfig \S+ is empty: it defines no cluster, user or context$/],
    ['a list', '- a\n- b\n', /^kubeconfig \S+: not a kubeconfig \(expected a mapping with clusters, users and contexts\)$/],
    ['no current-context', dump({ apiVersion: 'v1', kind: 'Config', clusters: [cluster], users: [user], contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }] }), /^current-context is not set in kubeconfig \S+: pass --context \(x\)$/],
    ['a context naming a missing cluster', dump({ apiVersion: 'v1', kind: 'Config', 'current-context': 'x', users: [user], contexts: [{ name: 'x', context: { cluster: 'gone', user: 'u' } }] }), /^cannot locate cluster "gone" of context "x" in kubeconfig \S+$/],
    ['a context naming a missing user', dump({ apiVersion: 'v1', kind: 'Config', 'current-context': 'x', clusters: [cluster], contexts: [{ name: 'x', context: { cluster: 'c', user: 'nobody' } }] }), /^cannot locate user "nobody" of context "x" in kubeconfig \S+$/],
    ['a current-context that is not defined', dump({ apiVersion: 'v1', kind: 'Config', 'current-context': 'nope', clusters: [cluster], users: [user] }), /^context "nope" does not exist in kubeconfig \S+$/],
  ]
  for (const [name, text, message] of cases) {
    await t.rejects(readCluster({ kubeconfig: file(name.replace(/ /g, '-'), text), flags: {}, env: {} }), { message }, name)
  }
  // An empty file among others is skipped, as kubectl merges it: the next file's context is used.
  const s = await serve(t)
  const merged = await readCluster({ env: { KUBECONFIG: `${file('blank', '')}:${s.kubeconfigPath}` }, flags: {} })
  t.equal(merged.live.context, 'test')
})

t.test('exec credential plugins: run like client-go, bounded by the budget, failures named', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'istiocni-budget-exec-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const s = await serve(t)
  const script = (name: string, body: string) => {
    const p = join(dir, name)
    writeFileSync(p, `#!/bin/sh\n${body}\n`)
    chmodSync(p, 0o755)
    return p
  }
  const kubeconfig = (name: string, exec: object) => {
    const p = join(dir, `${name}.kubeconfig`)
    writeFileSync(p, dump({
      apiVersion: 'v1', kind: 'Config', 'current-context': 'x',
      clusters: [{ name: 'c', cluster: { server: s.url, 'insecure-skip-tls-verify': true } }],
      users: [{ name: 'eks-admin', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', ...exec } } }],
      contexts: [{ name: 'x', context: { cluster: 'c', user: 'eks-admin' } }],
    }))
    return p
  }
  const credential = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { token: 'test-token' } })

  const info = join(dir, 'exec-info')
  const good = script('good', `printf '%s\\n' "$KUBERNETES_EXEC_INFO" > ${info}; echo "$CLUSTER_NAME" >> ${info}; echo '${credential}'`)
  const input = await readCluster({ kubeconfig: kubeconfig('good', { command: good, env: [{ name: 'CLUSTER_NAME', value: 'prod' }] }), flags: {}, env: { PATH: process.env.PATH } })
  t.equal(input.live.context, 'x')
  t.ok(s.requests.length > 0 && s.requests.every((q) => q.status !== 401), 'the token from the plugin is accepted by the server')
  const [execInfo, clusterName] = readFileSync(info, 'utf8').split('\n')
  t.same(JSON.parse(execInfo!), { apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', spec: { interactive: false } })
  t.equal(clusterName, 'prod', 'the env entries of the kubeconfig are passed')

  // A shell plugin whose child hangs (a login waiting on a browser): the whole group is killed.
  const hung = script('hung', 'sleep 30; echo never')
  const r = await timed(readCluster({ kubeconfig: kubeconfig('hung', { command: hung, args: ['--region', 'eu-west-1'] }), requestTimeout: '500ms', flags: {}, env: {} }))
  t.match(r.error?.message, /^the credential plugin "\S+\/hung --region eu-west-1" of user "eks-admin" gave no credential within 0\.5s \(raise --request-timeout, or run it by hand to see what it waits for\)$/)
  t.ok(r.ms < 2000, `ended after ${r.ms.toFixed(0)} ms`)

  const failing = script('failing', 'echo "token expired: run aws sso login" >&2; exit 2')
  await t.rejects(readCluster({ kubeconfig: kubeconfig('failing', { command: failing }), flags: {}, env: {} }), { message: /^the credential plugin "\S+\/failing" of user "eks-admin" failed \(exit 2\): token expired: run aws sso login$/ })
  await t.rejects(readCluster({ kubeconfig: kubeconfig('missing', { command: join(dir, 'aws-iam-authenticator') }), flags: {}, env: {} }), { message: /^the credential plugin "\S+aws-iam-authenticator" of user "eks-admin" is not installed: \S+ not found$/ })
  const garbage = script('garbage', 'echo "Please log in at https://example.com/device"')
  await t.rejects(readCluster({ kubeconfig: kubeconfig('garbage', { command: garbage }), flags: {}, env: {} }), { message: /printed something that is not an ExecCredential \(JSON\)$/ })
  const empty = script('no-token', `echo '{"kind":"ExecCredential","status":{}}'`)
  await t.rejects(readCluster({ kubeconfig: kubeconfig('no-token', { command: empty }), flags: {}, env: {} }), { message: /returned neither a token nor a client certificate$/ })
})
