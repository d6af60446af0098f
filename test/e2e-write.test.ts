// End to end (issue #12): the built plugin in a pseudo-terminal (`script` from util-linux) with
// stdout piped, as in `fix | tee log`: the prompt still shows, and without a yes nothing is
// written; kubectl's --dry-run values, and refusal without a terminal. (SIGTERM and resume:
// e2e-restart.test.ts.)
import { join } from 'node:path'
import t from 'tap'
import { ensureBuilt, inTerminal, ROOT, runAsync as run, SCRIPT } from './support/cli.js'
import { loadFixtures, startApiServer, type TestApiServer } from './support/apiserver.js'

ensureBuilt()
const FIXTURES = loadFixtures(join(ROOT, 'test', 'fixtures', 'cluster'))


async function api(t: { teardown(fn: () => unknown): void }): Promise<TestApiServer> {
  const s = await startApiServer({ objects: FIXTURES })
  t.teardown(() => s.close())
  return s
}

t.test('a terminal with stdout piped: the prompt names the context and says pods roll; no answer writes nothing, yes writes once', { skip: SCRIPT }, async (t) => {
  const s = await api(t)
  const args = ['fix', 'deployment/checkout', '-n', 'shop', '--strategy', 'uid', '--kubeconfig', s.kubeconfigPath]
  const no = await inTerminal(args, '')
  t.match(no.text, /\+ +runAsUser: 1337/, 'the diff went through the pipe')
  t.match(no.text, new RegExp(`Context test \\(cluster ${s.url.replace(/\./g, '\\.')}\\), namespace shop: 1 object: deployment/checkout \\(shop\\)\\.`))
  t.match(no.text, /the controller replaces every pod of it/)
  t.match(no.text, /Patch 1 workload in context test\? \[y\/N\]/)
  t.match(no.text, /error: aborted: nothing written/)
  t.equal(no.code, 5)
  t.same(s.writes, [], 'no answer: 0 writes')

  const yes = await inTerminal(args, 'y')
  t.equal(yes.code, 0, yes.text)
  t.equal(s.writes.length, 1)
  t.match(yes.text, /deployment\/checkout \(shop\): patched/)
})

t.test('no terminal and no --yes: refused with one line, exit 5; --dry-run values as kubectl', async (t) => {
  const s = await api(t)
  const base = ['fix', 'deployment/checkout', '-n', 'shop', '--strategy', 'uid', '--kubeconfig', s.kubeconfigPath]
  const refused = await run(base)
  t.equal(refused.code, 5)
  t.match(refused.stderr, /^error: refusing to write without confirmation: stdin and stderr are not a terminal to ask on; pass --yes to write, or --dry-run to only show the changes$/m)
  t.equal((await run([...base, '--dry-run=bogus'])).code, 1)
  t.match((await run([...base, '--dry-run=yes'])).stderr, /^error: invalid --dry-run value "yes": use none, client or server\n$/)
  t.equal((await run(['fix', '-n', 'shop', '--kubeconfig', s.kubeconfigPath, '--strategy', 'uid', '--dry-run', 'deployment/checkout'])).code, 0, 'a bare --dry-run leaves the target alone')
  t.equal((await run([...base, '--dry-run=client'])).code, 0)
  t.same(s.requests.filter((q) => q.method !== 'GET'), [], 'nothing sent')
  const server = await run([...base, '--dry-run=server'])
  t.equal(server.code, 0, server.stderr)
  t.same(s.writes, [])
  t.equal(s.dryRuns.length, 1)
})
