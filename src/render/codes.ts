// The message table as text: `kubectl istiocni explain <CODE>` and docs/codes.md. Both are
// generated from src/classify/result/messages.ts, so the docs cannot drift from the code (the kube-linter
// way: rule text is data, docs are rendered from it and checked by a test).
import { type Message, MESSAGES } from '../classify/result/messages.js'
import { layout } from './table.js'

const KIND = {
  error: 'verdict reason: the workload breaks',
  warning: 'verdict reason: the workload needs review',
  info: 'verdict explanation (ok or not-meshed)',
} as const

/** What role the code plays, in words (the table's `role`; see classify/result/threshold.ts). */
function role(m: Message): string {
  // ICNI0215 is no finding: input problems print as `error:` lines and exit 1.
  if (m.role === 'input') return 'input error: printed as an `error:` line, exit code 1'
  if (m.role === 'reason') return KIND[m.severity]
  if (m.blocks) return 'migration preflight blocker (a live check, or a CNI install given with -f): fails the run at every --fail-on level; restart and fix refuse until it is resolved (--force overrides)'
  if (m.role === 'cluster') return `finding of a live check (read from the cluster, not the manifests)${m.severity === 'error' ? ': fails the run at every --fail-on level' : m.severity === 'warning' ? ': counts for --fail-on warning' : ''}`
  return `side finding: never changes the verdict${m.severity === 'info' ? '' : ', counts for --fail-on warning'}`
}

/** A message's `ref` for people: its § sections are those of docs/reference.md (shipped in the archives). */
export const refNote = (ref: string, doc = 'docs/reference.md') => (ref.includes('§') ? `${ref} (see ${doc})` : ref)

/** The table entry for a code typed by a user (case-insensitive), or undefined. */
export function lookupCode(code: string): Message | undefined {
  return MESSAGES.get(code.trim().toUpperCase())
}

function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) { lines.push(line); line = word } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines.map((l) => indent + l).join('\n')
}

/** The long text for `kubectl istiocni explain <CODE>`, or undefined for an unknown code. */
export function renderCode(code: string): string | undefined {
  const m = lookupCode(code)
  if (!m) return undefined
  const section = (title: string, text: string) => `${title}:\n${wrap(text, 96, '  ')}\n`
  return [
    `${m.code}  ${m.name}${m.retired ? '  (retired: no longer raised)' : ''}\n`,
    `Level:  ${m.severity} (${role(m)})\n`,
    section('Message', placeholders(m.template)),
    section('Description', m.description ?? m.template),
    section('Remediation', m.remediation),
    ...(m.ref ? [`Reference: ${refNote(m.ref)}\n`] : []),
  ].join('\n')
}

/** A template as readers see it: `{container}` (filled per finding) shown as `<container>`. */
const placeholders = (template: string) => template.replace(/\{(\w+)\}/g, '<$1>')

/** Every code with its level and name (`explain --list`). */
export const codeList = () => [...MESSAGES.values()].map((m) => ({ code: m.code, level: m.severity, name: m.name, message: placeholders(m.template), ...(m.retired ? { retired: true } : {}) }))

/** `explain --list` as a kubectl-style table. */
export function renderCodeList(): string {
  return layout(['CODE', 'LEVEL', 'NAME', 'MESSAGE'], codeList().map((c) => [c.code, c.level, `${c.name}${c.retired ? ' (retired)' : ''}`, c.message]))
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')
const code = (s: string) => (s.includes('`') ? s : `\`${s}\``)

function section(m: Message): string {
  return [
    `## ${m.code}`,
    '',
    `**${m.name}** · level \`${m.severity}\` · ${role(m)}${m.retired ? ' · **retired**' : ''}`,
    '',
    m.description ?? m.template,
    '',
    `**Message:** ${code(m.template)}`,
    '',
    `**Remediation:** ${m.remediation}`,
    ...(m.ref ? ['', `**Reference:** ${refNote(m.ref, '[reference.md](reference.md)')}`] : []),
    '',
  ].join('\n')
}

/** The whole of docs/codes.md. */
export function renderCodesMarkdown(): string {
  const all = [...MESSAGES.values()]
  return [
    '<!-- Generated from src/classify/result/messages.ts by `node --import tsx scripts/gen-codes-doc.ts`; do not edit. test/codes.test.ts fails when it is stale. -->',
    '# Finding codes',
    '',
    'Every finding and every verdict reason of `kubectl istiocni check` has a stable code, a level, a one-line',
    'message and a remediation. Codes are never reused: a retired code stays in the table, marked retired.',
    '`kubectl istiocni explain <CODE>` prints the same text in the terminal; `-o json` carries the code of each',
    'finding (`findings[].code`), `-o sarif` lists every code as a rule.',
    '',
    '- **Verdict reasons (ICNI01xx)** decide a workload\'s verdict: an `error` reason makes it `breaks`, a `warning`',
    '  reason `review`; `info` ones explain an `ok` or `not-meshed` verdict.',
    '- **Side findings (ICNI02xx)** never change the verdict; `--fail-on warning` counts those of level `warning`',
    '  or `error`.',
    '- **Cluster findings (ICNI03xx)** come from a live check (`check` against a cluster): the mesh and the CNI',
    '  node agent, not one workload. An `error` one fails the run at every `--fail-on` level, a `warning` one',
    '  from `--fail-on warning` on. The migration preflight (ICNI0309–ICNI0319) checks the CNI install against',
    '  its platform, also offline when the input holds the install (`--platform`); a *blocking* one',
    '  (`"blocking": true`) makes `restart` and a cluster `fix` refuse until it is resolved or `--force` is given.',
    '- **Suppression**: after review, list codes in the pod-template annotation `istiocni.io/ignore: "ICNI0103"`',
    '  (`"*"` for all) with the reason in `istiocni.io/ignore-reason`, or pass `--ignore CODE=kind/namespace/name`.',
    '  Suppressed findings are still counted, and listed with `--show-suppressed`.',
    '',
    'Reference sections (§) are those of [reference.md](reference.md), the domain reference the rules are built from',
    '(shipped in the release archives).',
    '',
    '| Code | Level | Name | Message |',
    '|---|---|---|---|',
    ...all.map((m) => `| [${m.code}](#${m.code.toLowerCase()}) | ${m.severity} | ${m.name}${m.retired ? ' (retired)' : ''} | ${cell(m.template)} |`),
    '',
    ...all.map(section),
  ].join('\n')
}
