// Every command has kubectl's shape (issue 16): validate (the flags alone, before anything is
// read) → complete (read and judge the input) → run. These call the first two directly.
import t from 'tap'
import * as check from '../src/commands/check.js'
import * as explain from '../src/commands/explain.js'
import * as fix from '../src/commands/fix.js'
import { UserError } from '../src/commands/common.js'
import type { Streams } from '../src/render/streams.js'

const SHOP = 'examples/shop.yaml'
const streams = (): Streams & { text: { out: string; err: string } } => {
  const text = { out: '', err: '' }
  return { out: { write: (s: string) => (text.out += s) }, err: { write: (s: string) => (text.err += s) }, color: false, isTTY: false, text }
}
const checkArgs = (extra: object = {}) => ({ filename: [SHOP], output: 'table', 'fail-on': 'breaks', ...extra }) as Parameters<typeof check.validate>[0]

t.test('check validate: thresholds and suppressions from the flags alone', async (t) => {
  t.match(check.validate(checkArgs({ 'failure-threshold': 'Warning', 'output-threshold': 'Error' })), { failOn: 'warning', show: 'breaks', ignores: [] })
  t.match(check.validate(checkArgs({ ignore: ['ICNI0101=deploy/shop/orders'] })).ignores, [{ code: 'ICNI0101', kind: 'Deployment', namespace: 'shop', name: 'orders' }])
  t.throws(() => check.validate(checkArgs({ output: 'xml' })), new UserError('unable to match a printer suitable for the output format "xml", allowed formats are: table,wide,json,yaml,name,sarif,junit,jsonpath=TEMPLATE'))
  t.throws(() => check.validate(checkArgs({ ignore: ['ICNI0101'] })), new UserError('--ignore "ICNI0101": expected CODE=kind/namespace/name, e.g. ICNI0101=deployment/shop/api'), 'a bad --ignore is a usage error')
})

t.test('check complete: reads and classifies the input, writes nothing to stdout', async (t) => {
  const s = streams()
  const { input, classified } = await check.complete(checkArgs(), s)
  t.same(classified.errors, [])
  t.same(classified.result.summary, { breaks: 1, ok: 1, 'not-meshed': 1, review: 1 })
  t.ok(input.objects.every((o) => o.source.startsWith(SHOP)))
  t.equal(s.text.out, '')
})

t.test('fix validate: dry-run mode, files and targets, before anything is read', async (t) => {
  t.match(fix.validate({ filename: [SHOP, 'deployment/orders'], output: 'diff', 'dry-run': 'client' }), { dryRun: 'client', files: [SHOP], targets: [{ kind: 'Deployment', name: 'orders' }] })
  t.throws(() => fix.validate({ filename: [SHOP], output: 'diff', 'dry-run': 'server' }), new UserError('--dry-run=server sends the writes to a cluster: with -f, use --dry-run (client)'))
})

t.test('fix complete: plans the workloads that break, and the change of each document', async (t) => {
  const args = { filename: [SHOP], output: 'diff' as const, 'dry-run': 'client' }
  const { plans, changes, errors } = await fix.complete(args, fix.validate(args), streams())
  t.same(errors, [])
  t.same(plans.map((p) => `${p.workload.workload.kind}/${p.workload.workload.name}`), ['Deployment/orders'])
  t.equal(changes.length, 1)
  t.equal(changes[0]!.source, `${SHOP}:9`, 'the orders document starts at line 9')
})

t.test('explain validate: the code list, one code, or a workload', async (t) => {
  const base = { output: 'text' as const }
  t.same(explain.validate({ ...base, list: true }), { list: true })
  t.same(explain.validate({ ...base, target: 'icni0101' }), { code: 'icni0101' })
  t.same(explain.validate({ ...base, target: 'deploy', name: 'orders' }), { target: { kind: 'Deployment', name: 'orders' } })
  t.throws(() => explain.validate(base), new UserError('explain needs a workload (<kind>/<name>, or TYPE NAME) or a code such as ICNI0101; --list lists the codes'))
})

t.test('explain complete: a code\'s text, an unknown code, or the workload explained from the input read once', async (t) => {
  const base = { output: 'text' as const }
  const code = await explain.complete(base, { code: 'icni0101' }, streams())
  t.match(code, { text: /^ICNI0101/ }, 'the code\'s long description, looked up case-insensitively')
  await t.rejects(explain.complete(base, { code: 'ICNI9999' }, streams()), new UserError('unknown code ICNI9999: the codes are listed in docs/codes.md'))
  t.ok('list' in (await explain.complete(base, { list: true }, streams())))
  const s = streams()
  const done = await explain.complete({ ...base, filename: [SHOP], namespace: 'shop' }, { target: { kind: 'Deployment', name: 'orders' } }, s)
  if (!('explanation' in done)) return t.fail('a workload is explained')
  t.same(done.errors, [])
  t.match(done.explanation, { workload: { kind: 'Deployment', name: 'orders', namespace: 'shop' }, verdict: 'breaks', command: /^kubectl istiocni fix deployment\/orders -n shop -f examples\/shop.yaml/ })
  t.ok(done.explanation.fixes.length, 'with its fixes ranked')
  t.equal(s.text.out, '', 'complete writes nothing to stdout: run renders')
})
