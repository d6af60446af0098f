// Every reference section the code cites (`ref §2.4` in comments and strings, the message table's
// `ref` field, the README) is a heading of docs/reference.md, the reference shipped in the release
// archives (issue #14). A heading nobody cites is fine.
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import t from 'tap'
import { MESSAGES } from '../src/classify/result/messages.js'
import type { CheckResult } from '../src/classify/result/result.js'
import { renderCode, renderCodesMarkdown } from '../src/render/codes.js'
import { renderSarif } from '../src/render/sarif.js'

const ROOT = join(import.meta.dirname, '..')

/** The section numbers (`2.4`) of docs/reference.md's headings (`### §2.4 The rules`). */
function headingSections(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^#{1,6} §(\d+(?:\.\d+)*)\s/gm)].map((m) => m[1]!))
}

/** Every `§N` / `§N.M` in a text, with the line it is on. */
function citations(text: string): { section: string; line: number }[] {
  return text.split('\n').flatMap((l, i) => [...l.matchAll(/§(\d+(?:\.\d+)*)/g)].map((m) => ({ section: m[1]!, line: i + 1 })))
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).sort().map((f) => join(dir, f))
}

const sections = headingSections(readFileSync(join(ROOT, 'docs/reference.md'), 'utf8'))

t.test('docs/reference.md numbers its sections like the cited notes', async (t) => {
  for (const s of ['0', '1.7', '2.4', '5.1', '8.1', '10']) t.ok(sections.has(s), `§${s} is a heading`)
  t.notOk(sections.has('11'), 'no §11: the resolver can say no')
  t.same(headingSections('## §3 A\n### §3.2 B\ntext §4\n#### not §5 a section\n'), new Set(['3', '3.2']), 'only headings that start with §N count')
})

t.test('every § cited in src/ and README.md resolves to a heading', async (t) => {
  const files = [...sourceFiles(join(ROOT, 'src')), join(ROOT, 'README.md')]
  const cited = files.flatMap((file) => citations(readFileSync(file, 'utf8')).map((c) => ({ ...c, where: `${relative(ROOT, file)}:${c.line}` })))
  t.ok(cited.length > 100, `the code cites the reference (${cited.length} citations found)`)
  const unresolved = cited.filter((c) => !sections.has(c.section)).map((c) => `§${c.section} (${c.where})`)
  t.same(unresolved, [], `unresolved sections: ${unresolved.join(', ') || 'none'}`)
})

t.test("every message's ref field resolves to a heading", async (t) => {
  const unresolved = [...MESSAGES.values()].flatMap((m) => citations(m.ref ?? '').filter((c) => !sections.has(c.section)).map((c) => `${m.code}: §${c.section}`))
  t.same(unresolved, [], `unresolved sections: ${unresolved.join(', ') || 'none'}`)
  t.ok([...MESSAGES.values()].filter((m) => citations(m.ref ?? '').length > 0).length > 20, 'the table cites sections')
})

t.test('explain, docs/codes.md and SARIF name the reference where they cite a section', async (t) => {
  t.match(renderCode('ICNI0102'), /^Reference: §2\.6, §5\.1, §8 step 7 \(see docs\/reference\.md\)$/m, 'explain ICNI0102')
  t.match(renderCodesMarkdown(), /\*\*Reference:\*\* §0, §2\.6 \(see \[reference\.md\]\(reference\.md\)\)/, 'docs/codes.md links it')
  const empty = { workloads: [], summary: {} } as unknown as CheckResult
  const rules = (JSON.parse(renderSarif(empty, () => undefined, 'dev')) as { runs: [{ tool: { driver: { rules: { id: string; help: { text: string } }[] } } }] }).runs[0].tool.driver.rules
  t.match(rules.find((r) => r.id === 'ICNI0101')!.help.text, /Reference: §0, §2\.6 \(see docs\/reference\.md\)\./, 'SARIF rule help')
  const noSection = [...MESSAGES.values()].find((m) => m.ref && !m.ref.includes('§'))
  if (noSection) t.notMatch(renderCode(noSection.code)!, /docs\/reference\.md/, `${noSection.code} cites no section: no pointer to the reference`)
})
