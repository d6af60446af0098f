// -o sarif: valid against the OASIS SARIF 2.1.0 schema (shipped as test data, from
// oasis-tcs/sarif-spec sarif-2.1/schema/sarif-schema-2.1.0.json, errata01), with the message table
// as rules and results at the file and line where each workload's document starts.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import AjvDraft04 from 'ajv-draft-04'
import t from 'tap'
import { classifyLive } from '../src/classify/group.js'
import { classify } from '../src/classify/index.js'
import { MESSAGES } from '../src/classify/result/messages.js'
import { applySuppressions, parseIgnores } from '../src/classify/result/suppress.js'
import { readFiles } from '../src/cluster/files.js'
import { fileLocator, HOMEPAGE, renderSarif } from '../src/render/sarif.js'

const ROOT = resolve(import.meta.dirname, '..')
const MULTI = 'test/fixtures/sarif/multi.yaml'
const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8'))

// ajv-draft-04 is CommonJS: under NodeNext its class is the `default` of the module object.
const ajv = new AjvDraft04.default({
  allErrors: true,
  strict: false,
  formats: {
    uri: (s: string) => URL.canParse(s),
    'uri-reference': (s: string) => URL.canParse(s, 'http://base.example/') && !/\s/.test(s),
    'date-time': (s: string) => !Number.isNaN(Date.parse(s)),
  },
})
const validate = ajv.compile(schema)

function sarif(paths: string[], ignores: string[] = []) {
  const read = readFiles(paths.map((p) => resolve(ROOT, p)))
  const { result, errors } = classify({ objects: read.objects, errors: read.errors, flags: {} })
  t.same(errors, [])
  const suppressed = applySuppressions(result, read.objects, parseIgnores(ignores)).result
  return JSON.parse(renderSarif(suppressed, fileLocator(read.objects, ROOT), '1.2.3'))
}

t.test('valid SARIF 2.1.0', async (t) => {
  const log = sarif([MULTI, 'test/codes/ICNI0204/raise.yaml', 'test/codes/ICNI0106/raise.yaml'], ['ICNI0103=pod/gitea/*'])
  const ok = validate(log)
  t.ok(ok, JSON.stringify(validate.errors, null, 2))
  t.equal(log.version, '2.1.0')
  t.equal(log.$schema, 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json')
})

t.test('the schema rejects what it should (the validator is live)', async (t) => {
  const log = sarif([MULTI])
  t.notOk(validate({ ...log, version: '2.0.0' }), 'wrong version')
  log.runs[0].results[0].level = 'fatal'
  t.notOk(validate(log), 'unknown level')
})

t.test('tool.driver: name, version, rules from the message table', async (t) => {
  const { tool } = sarif([MULTI]).runs[0]
  t.equal(tool.driver.name, 'kubectl-istiocni')
  t.equal(tool.driver.version, '1.2.3')
  t.equal(tool.driver.informationUri, HOMEPAGE)
  t.equal(HOMEPAGE, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).homepage, 'homepage as in package.json')
  t.same(tool.driver.rules.map((r: { id: string }) => r.id), [...MESSAGES.keys()], 'every code is a rule, in table order')
  const r = tool.driver.rules.find((x: { id: string }) => x.id === 'ICNI0102')
  t.equal(r.name, 'InitContainerNeedsDnsUnderCapture')
  t.match(r.shortDescription.text, /^init container <container> resolves <host> while DNS capture is on/)
  t.equal(r.fullDescription.text, MESSAGES.get('ICNI0102')!.description)
  t.match(r.help.text, /Remediation: Run the init container as the proxy UID\/GID/)
  t.match(r.help.markdown, /\*\*Remediation:\*\* Run the init container/)
  t.equal(r.helpUri, `${HOMEPAGE}/blob/main/docs/codes.md#icni0102`)
  t.same(r.defaultConfiguration, { level: 'error' })
  const levels = Object.fromEntries(tool.driver.rules.map((x: { id: string; defaultConfiguration: { level: string } }) => [x.id, x.defaultConfiguration.level]))
  t.match(levels, { ICNI0103: 'warning', ICNI0107: 'note', ICNI0206: 'note', ICNI0203: 'error' }, 'info → note')
})

t.test('results at the line each workload document starts, in a multi-document file', async (t) => {
  const { results, tool } = sarif([MULTI]).runs[0]
  const rows = results.map((r: any) => [r.ruleId, r.level, r.locations[0].logicalLocations[0].fullyQualifiedName, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine])
  t.same(rows, [
    ['ICNI0101', 'error', 'Deployment/gitea/gitea', MULTI, 4],
    // The StatefulSet (line 36) is ok: its ICNI0108 only explains the verdict and is no result.
    ['ICNI0206', 'note', 'Job/gitea/gitea-backup', MULTI, 57],
    ['ICNI0201', 'warning', 'Job/gitea/gitea-backup', MULTI, 57],
    ['ICNI0103', 'warning', 'Pod/gitea/gitea-test-connection', MULTI, 83],
  ])
  const lines = readFileSync(join(ROOT, MULTI), 'utf8').split('\n')
  t.equal(lines[4 - 1], '# Source: gitea/templates/gitea/deployment.yaml', 'line 4 opens the Deployment document')
  t.equal(lines[83 - 2], '---', 'line 83 follows a separator')
  for (const r of results) t.equal(tool.driver.rules[r.ruleIndex].id, r.ruleId, `${r.ruleId}: ruleIndex points at its rule`)
  t.match(results[0].message.text, /^Deployment gitea\/gitea: init container wait-for-postgres connects to/)
  t.same(results[0].locations[0].logicalLocations, [{ name: 'gitea', fullyQualifiedName: 'Deployment/gitea/gitea', kind: 'resource' }])
  t.same(results[0].partialFingerprints, { 'istiocniFinding/v1': 'Deployment/gitea/gitea/ICNI0101/wait-for-postgres' })
})

t.test('suppressed findings carry SARIF suppressions', async (t) => {
  const { results } = sarif([MULTI], ['ICNI0103=pod/gitea/gitea-test-*']).runs[0]
  const byRule = (id: string) => results.find((r: { ruleId: string }) => r.ruleId === id)
  t.same(byRule('ICNI0201').suppressions, [{ kind: 'inSource', status: 'accepted', justification: 'backup job talks only to object storage outside the mesh' }], 'annotation: in source')
  t.same(byRule('ICNI0103').suppressions, [{ kind: 'external', status: 'accepted', justification: '--ignore ICNI0103=pod/gitea/gitea-test-*' }], 'flag: external')
  t.notOk(byRule('ICNI0101').suppressions, 'others have none')
})

t.test('the locator: relative URIs, escaped; no file for stdin or live objects', async (t) => {
  const object = { kind: 'Pod' }
  const locate = fileLocator([
    { object, source: '/work/repo/charts/my app/all.yaml:2', line: 40 },
    { object, source: 'rendered.yaml:0/items/3', line: 1 },
    { object, source: '<stdin>:1', line: 12 },
    { object, source: 'cluster' },
  ], '/work/repo')
  t.same(locate('/work/repo/charts/my app/all.yaml:2'), { uri: 'charts/my%20app/all.yaml', line: 40 })
  t.same(locate('rendered.yaml:0/items/3'), { uri: 'rendered.yaml', line: 1 }, 'a List item points at its List')
  t.equal(locate('<stdin>:1'), undefined)
  t.equal(locate('cluster'), undefined)
  t.equal(locate('unknown.yaml:0'), undefined)
  t.same(fileLocator([{ object, source: '/elsewhere/x.yaml:0', line: 3 }], '/work/repo')('/elsewhere/x.yaml:0'), { uri: '../../elsewhere/x.yaml', line: 3 })
})

t.test('without a file location a result keeps its logical location and stays valid', async (t) => {
  const read = readFiles([resolve(ROOT, MULTI)])
  const { result } = classify({ objects: read.objects, errors: [], flags: {} })
  const log = JSON.parse(renderSarif(result, () => undefined, 'dev'))
  t.ok(validate(log), JSON.stringify(validate.errors))
  t.same(Object.keys(log.runs[0].results[0].locations[0]), ['logicalLocations'])
})

t.test('a live check: cluster findings are results at the cluster context, still valid', async (t) => {
  const read = readFiles([resolve(ROOT, 'test/codes/ICNI0303/raise.yaml')])
  const live = { context: 'prod-eu', scope: { allNamespaces: true }, skippedNamespaces: [], warnings: [], nodesRead: true }
  const { result } = classifyLive({ objects: read.objects, errors: read.errors, flags: {}, live })
  const log = JSON.parse(renderSarif(result, () => undefined, '1.2.3'))
  t.ok(validate(log), JSON.stringify(validate.errors))
  const r = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'ICNI0303')
  t.equal(r.level, 'error')
  t.match(r.message.text, /^cluster prod-eu: the CNI node agent kube-system\/istio-cni-node is ready on 2 of 3 nodes/)
  t.same(r.locations, [{ logicalLocations: [{ name: 'prod-eu', fullyQualifiedName: 'cluster/prod-eu', kind: 'resource' }] }])
})
