// End to end (issue #4): the real kubectl runs the built plugin (`kubectl istiocni check -A`),
// found on PATH as kubectl-istiocni, against the test API server.
import { join } from 'node:path'
import t from 'tap'
import { ROOT } from './support/cli.js'
import { kubectl, NO_KUBECTL, pluginPath } from './support/kubectl.js'
import { loadFixtures, startApiServer, writeKubeconfig } from './support/apiserver.js'

t.test('kubectl istiocni check -A', { skip: NO_KUBECTL }, async (t) => {
  const path = pluginPath(t)
  const server = await startApiServer({ objects: loadFixtures(join(ROOT, 'test', 'fixtures', 'cluster')) })
  t.teardown(() => server.close())
  const env = { ...process.env, PATH: path, KUBECONFIG: '', NO_COLOR: '1' }

  const table = await kubectl(['istiocni', 'check', '-A', '--kubeconfig', server.kubeconfigPath], env)
  t.equal(table.stderr, `Next: kubectl istiocni explain cronjob/nightly-report -n reports --kubeconfig ${server.kubeconfigPath}; kubectl istiocni fix -A --kubeconfig ${server.kubeconfigPath} --dry-run; kubectl istiocni restart -A --kubeconfig ${server.kubeconfigPath} --dry-run\n`, 'no warnings, no spinner off a terminal: the next steps only')
  t.equal(table.code, 3, 'exit 3: workloads break')
  t.match(table.stdout, /^NAMESPACE +WORKLOAD +VERDICT +PODS +RESTART +AT RISK +WHY\n/)
  t.match(table.stdout, /\nshop +deployment\/checkout +breaks +2 +1 +wait-for-db +connects to /)
  t.match(table.stdout, /\nreports +cronjob\/nightly-report +breaks +1 +1 +fetch-config +connects to /)
  const wide = await kubectl(['istiocni', 'check', '-A', '-o', 'wide', '--kubeconfig', server.kubeconfigPath], env)
  t.match(wide.stdout, /\nshop +deployment\/checkout +breaks +2 +1 +wait-for-db +init container wait-for-db connects to .* +legacy:1\+cni:1→cni +wait-for-db\(required\) /, '-o wide: the modes now and next')
  t.match(table.stdout, /\nCluster: context test, all namespaces; Istio in istio-system\n/)
  t.match(table.stdout, /ICNI0303 +the CNI node agent istio-system\/istio-cni-node is ready on 1 of 2 nodes/)
  t.notMatch(table.stdout, /replicaset\/|\bpod\//, 'ReplicaSets and pods are grouped under their owners')

  const json = await kubectl(['istiocni', 'check', '-A', '-o', 'json', '--kubeconfig', server.kubeconfigPath], env)
  const result = JSON.parse(json.stdout)
  t.equal(result.workloads.length, 7)
  t.match(result.cluster, { istio: { found: true }, cni: { desired: 2, ready: 1 } })
  t.ok(server.requests.every((r) => r.method === 'GET'), 'check only reads')

  const down = await kubectl(['istiocni', 'check', '-A', '--kubeconfig', writeKubeconfig('http://127.0.0.1:9')], env)
  t.equal(down.code, 1)
  t.equal(down.stdout, '')
  t.equal(down.stderr, 'error: cannot reach the Kubernetes API server at http://127.0.0.1:9: connection refused\n')
})
