// End to end (issue #6): the real kubectl runs the built plugin (`kubectl istiocni restart`),
// found on PATH as kubectl-istiocni, against the test API server and its controller simulation.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import t from 'tap'
import { BIN, ensureBuilt, ROOT } from './support/cli.js'
import { kubectl, NO_KUBECTL, pluginPath } from './support/kubectl.js'
import { loadFixtures, ObjectStore, startApiServer } from './support/apiserver.js'
import { seed, simulateControllers } from './support/controller.js'

t.test('kubectl istiocni restart', { skip: NO_KUBECTL }, async (t) => {
  const path = pluginPath(t)
  const store = new ObjectStore([...loadFixtures(join(ROOT, 'test', 'fixtures', 'cluster')), ...loadFixtures(join(ROOT, 'test', 'fixtures', 'restart'))])
  seed(store, { kind: 'Deployment', namespace: 'store', name: 'web' }, 'legacy', ['node-a'])
  seed(store, { kind: 'Deployment', namespace: 'store', name: 'legacy-app' }, 'legacy', ['node-a'])
  const server = await startApiServer({ objects: store.all() })
  simulateControllers(server, { tickMs: 5 })
  t.teardown(() => server.close())
  const env = { ...process.env, PATH: path, KUBECONFIG: '', NO_COLOR: '1' }
  const args = ['istiocni', 'restart', '-n', 'store', '--kubeconfig', server.kubeconfigPath, '--poll-interval', '10ms']

  const dry = await kubectl([...args, '--dry-run', '-o', 'json'], env)
  t.equal(dry.code, 3, 'legacy-app would be refused')
  t.equal(dry.stderr, 'Dry run: nothing written.\n')
  const plan = JSON.parse(dry.stdout)
  t.match(plan, { dryRun: true, ready: true, restart: [{ order: 1, kind: 'Deployment', name: 'web', action: 'rollout', result: 'planned' }], skipped: [{ name: 'legacy-app', skip: 'breaks', safety: true }] })
  t.same(server.writes, [])

  const r = await kubectl([...args, 'deployment/web', '--yes'], env)
  t.equal(r.code, 0, 'exit 0')
  t.match(r.stdout, /\n1 +store +deployment\/web +rollout +2 +still on istio-init: 2 of 2 pods; revision default now enables CNI\n/)
  t.match(r.stdout, /\nstore +deployment\/web +restarted +\S+ +2 pods replaced\n\n1 restarted\n$/)
  t.match(r.stderr, /^deployment\/web \(store\): rollout restart \(kubectl\.kubernetes\.io\/restartedAt=/)
  t.match(r.stderr, /\nDone after \S+\.\n$/)
  t.same(server.writes.map((w) => `${w.method} ${w.path}`), ['PATCH /apis/apps/v1/namespaces/store/deployments/web'])
  t.ok(server.store.list('v1', 'Pod', 'store').filter((p) => p.metadata.labels.app === 'web').every((p) => p.spec.initContainers[0].name === 'istio-validation'))
})

/** web and api on istio-init, web's new pods never ready; the built plugin restarts both. */
async function twoRollouts(t: { teardown(fn: () => unknown): void }) {
  ensureBuilt()
  const store = new ObjectStore([...loadFixtures(join(ROOT, 'test', 'fixtures', 'cluster')), ...loadFixtures(join(ROOT, 'test', 'fixtures', 'restart'))])
  for (const name of ['web', 'api']) seed(store, { kind: 'Deployment', namespace: 'store', name }, 'legacy', ['node-a'])
  const server = await startApiServer({ objects: store.all() })
  const ctl = simulateControllers(server, { tickMs: 5, maxTicks: 4000 })
  ctl.failNewPods('store', 'web', 'never-ready')
  t.teardown(() => server.close())
  const args = [BIN, 'restart', 'deployment/web', 'deployment/api', '-n', 'store', '--kubeconfig', server.kubeconfigPath, '--poll-interval', '10ms', '--yes']
  return { server, ctl, args }
}

/** Runs the plugin; sends `signal` once the first rollout has started. */
function runUntil(args: string[], signal?: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, args, { env: { ...process.env, NO_COLOR: '1' } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => { stdout += d })
  child.stderr.on('data', (d) => {
    stderr += d
    if (signal && /rollout restart/.test(stderr) && !child.killed) child.kill(signal)
  })
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
}

t.test('Ctrl-C (SIGINT) on the built plugin: the patch in flight finishes, nothing new starts, exit 130', async (t) => {
  const { server, args } = await twoRollouts(t)
  const { code, stdout, stderr } = await runUntil(args, 'SIGINT')
  t.equal(code, 130)
  t.match(stderr, /Interrupted: no new restarts; waiting for the writes in flight \(Ctrl-C again quits at once\)\.\n/)
  t.match(stdout, /\nstore +deployment\/web +interrupted +\S+ +interrupted: the rollout goes on unwatched \(kubectl rollout status deployment\/web -n store\)\n/)
  t.match(stdout, /\nstore +deployment\/api +not-started +- +not started: interrupted\n/)
  t.same(server.writes.map((w) => `${w.method} ${w.path}`), ['PATCH /apis/apps/v1/namespaces/store/deployments/web'])
})

t.test('SIGTERM stops a restart like Ctrl-C (the report, exit 143); the next run resumes without a second restart', async (t) => {
  const { server, ctl, args } = await twoRollouts(t)
  const stopped = await runUntil(args, 'SIGTERM')
  t.equal(stopped.code, 143)
  t.match(stopped.stderr, /SIGTERM: no new restarts; waiting for the writes in flight \(a second signal quits at once\)\.\n/)
  t.match(stopped.stdout, /\nstore +deployment\/web +interrupted +\S+ +interrupted: the rollout goes on unwatched/)
  t.match(stopped.stdout, /\nstore +deployment\/api +not-started /)

  ctl.failNewPods('store', 'web', undefined)
  const again = await runUntil(args)
  t.equal(again.code, 0, again.stderr)
  t.same(server.writes.map((w) => `${w.method} ${w.path}`), ['PATCH /apis/apps/v1/namespaces/store/deployments/web', 'PATCH /apis/apps/v1/namespaces/store/deployments/api'], 'web rolled once: the second run waited for it (or found it done)')
})
