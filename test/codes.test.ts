// The message table is the contract (issue #8): docs/codes.md is generated from it, and every code
// has a fixture that raises it and one that must not (test/codes/<CODE>/{raise,clean}.yaml).
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { classifyLive } from '../src/classify/group.js'
import { classify } from '../src/classify/index.js'
import { MESSAGES } from '../src/classify/result/messages.js'
import { readFiles } from '../src/cluster/files.js'
import type { MeshFlags } from '../src/model/input.js'
import { lookupCode, renderCode, renderCodesMarkdown } from '../src/render/codes.js'
import { flagsOf } from './support/corpus.js'

const ROOT = join(import.meta.dirname, '..')
const FIXTURES = join(import.meta.dirname, 'codes')

/** Not findings: "raised" means classify reports an input error (an `error:` line, exit 1). */
const INPUT_ERROR_CODES = new Set(['ICNI0215'])
/** Codes no offline fixture can raise, with the reason. Every code has fixtures today. */
const NOT_RAISABLE: Record<string, string> = {}

/**
 * `# flags: --dns-capture --proxy-uid 1000` on the first line sets mesh flags, as on the command
 * line; `--live` runs the file as a cluster snapshot through the live check (ICNI03xx).
 */
function fixtureFlags(text: string): MeshFlags & { live?: boolean } {
  const m = /^# flags:(.*)$/m.exec(text.split('\n')[0] ?? '')
  const args = m ? m[1]!.trim().split(/\s+/).filter(Boolean) : []
  const flags = flagsOf(args.filter((a) => a !== '--live'))
  return args.includes('--live') ? { ...flags, live: true } : flags
}

const LIVE = { context: 'fixture', scope: { allNamespaces: true }, skippedNamespaces: [], warnings: [], nodesRead: true }

function run(file: string) {
  const read = readFiles([file])
  const { live, ...flags } = fixtureFlags(readFileSync(file, 'utf8'))
  const input = { objects: read.objects, errors: read.errors, flags }
  return live ? classifyLive({ ...input, live: LIVE }) : classify(input)
}

t.test('docs/codes.md is generated from the message table', async (t) => {
  const file = join(ROOT, 'docs', 'codes.md')
  const current = existsSync(file) ? readFileSync(file, 'utf8') : ''
  t.equal(current, renderCodesMarkdown(), 'docs/codes.md is stale: run node --import tsx scripts/gen-codes-doc.ts')
})

t.test('the message table', async (t) => {
  const names = new Set<string>()
  for (const m of MESSAGES.values()) {
    t.match(m.code, /^ICNI0[123]\d\d$/, `${m.code}: code format (01 verdict reasons, 02 side findings, 03 live-check findings)`)
    t.notOk(names.has(m.name), `${m.code}: name ${m.name} is unique`)
    names.add(m.name)
    t.ok(m.description && m.description.length > 80, `${m.code}: has a long description`)
    t.ok(m.remediation.trim(), `${m.code}: has a remediation`)
  }
})

t.test('explain <CODE>', async (t) => {
  const text = renderCode('icni0102')!
  t.match(text, /^ICNI0102 {2}InitContainerNeedsDnsUnderCapture\n/, 'code and name first, case-insensitive lookup')
  t.match(text, /Level: {2}error \(verdict reason: the workload breaks\)/)
  t.match(text, /Description:\n {2}With DNS capture on/)
  t.match(text, /Remediation:\n {2}Run the init container as the proxy UID\/GID/)
  t.match(text, /Reference: §2\.6, §5\.1, §8 step 7/)
  t.ok(text.split('\n').every((l) => l.length <= 100), 'wrapped for a terminal')
  t.equal(renderCode('ICNI9999'), undefined, 'unknown code')
  t.equal(lookupCode(' ICNI0201 ')?.name, 'PodRunsAsProxyUid')
  for (const code of MESSAGES.keys()) t.ok(renderCode(code), `${code} renders`)
})

t.test('every code has fixtures, and every fixture a code', async (t) => {
  const dirs = readdirSync(FIXTURES).sort()
  t.same(dirs.filter((d) => !MESSAGES.has(d)), [], 'no fixture for a code that is not in the table')
  for (const code of MESSAGES.keys()) {
    if (NOT_RAISABLE[code]) continue
    t.ok(existsSync(join(FIXTURES, code, 'raise.yaml')) && existsSync(join(FIXTURES, code, 'clean.yaml')), `${code}: raise.yaml and clean.yaml`)
  }
})

for (const code of MESSAGES.keys()) {
  if (NOT_RAISABLE[code]) continue
  t.test(code, async (t) => {
    const raise = run(join(FIXTURES, code, 'raise.yaml'))
    const clean = run(join(FIXTURES, code, 'clean.yaml'))
    const codesOf = (r: typeof raise) => [...r.result.workloads.flatMap((w) => w.findings), ...(r.result.cluster?.findings ?? [])].map((f) => f.code)
    const explain = (r: typeof raise) => [...r.result.workloads.map((w) => `${w.kind}/${w.name} ${w.verdict}: ${w.findings.map((f) => f.code).join(' ')}`), `cluster: ${(r.result.cluster?.findings ?? []).map((f) => f.code).join(' ')}`].join('\n')
    t.same(clean.errors, [], 'clean.yaml reads without input errors')
    t.ok(clean.result.workloads.length > 0, 'clean.yaml has workloads')
    if (INPUT_ERROR_CODES.has(code)) {
      t.ok(raise.errors.length > 0, 'raise.yaml gives an input error')
      return
    }
    t.same(raise.errors, [], 'raise.yaml reads without input errors')
    t.ok(codesOf(raise).includes(code), `raise.yaml raises ${code}\n${explain(raise)}`)
    t.notOk(codesOf(clean).includes(code), `clean.yaml does not raise ${code}\n${explain(clean)}`)
  })
}
