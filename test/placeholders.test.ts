// Every code renders without a `{placeholder}` left (issue #14: ICNI0105's remediation printed
// `{fix}` in explain, JUnit, SARIF and docs/codes.md), and no finding raised on the corpus
// leaves one of its template's placeholders unfilled.
import t from 'tap'
import { MESSAGES } from '../src/classify/result/messages.js'
import { renderCode, renderCodeList, renderCodesMarkdown } from '../src/render/codes.js'
import { readFiles } from '../src/cluster/files.js'
import { classify } from '../src/classify/index.js'
import { CORPUS, loadCorpus, flagsOf } from './support/corpus.js'
import { join } from 'node:path'

const PLACEHOLDER = /\{[a-zA-Z]\w*\}/

t.test('every code: explain, the list, remediation and description have no placeholder', async (t) => {
  for (const m of MESSAGES.values()) {
    t.notMatch(renderCode(m.code)!, PLACEHOLDER, `explain ${m.code}`)
    t.notMatch(m.remediation, PLACEHOLDER, `${m.code} remediation`)
    t.notMatch(m.description ?? '', PLACEHOLDER, `${m.code} description`)
  }
  t.notMatch(renderCodeList(), PLACEHOLDER)
  t.notMatch(renderCodesMarkdown().replace(/\*\*Message:\*\* .*|\| \[ICNI.*/g, ''), PLACEHOLDER, 'docs/codes.md outside the message templates')
  t.match(renderCode('ICNI0105')!, /Remediation:\n  Use the webhook's own setting/)
})

t.test('no finding on the corpus leaves a template placeholder unfilled', async (t) => {
  let findings = 0
  for (const c of loadCorpus()) {
    const read = readFiles([join(CORPUS, `${c.name}.yaml`)])
    const { result } = classify({ objects: read.objects, errors: read.errors, flags: flagsOf(c.flags) })
    for (const w of result.workloads) for (const f of w.findings) {
      findings++
      if (PLACEHOLDER.test(f.message)) t.fail(`${c.name}: ${f.code}: ${f.message}`)
    }
  }
  t.ok(findings > 100, `${findings} findings checked`)
})
