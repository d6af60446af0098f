// Progress of the offline steps (issue #14: `fix` on 10,000 workloads was silent for 38 s): on a
// terminal, a spinner with a count on stderr; never on stdout, never with -o json|yaml (nor fix's
// -o patch), never off a terminal. Run through a pseudo-terminal (`script`) with stdout piped, as in `check | less`.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import yargs from 'yargs'
import { generateManifests } from '../bench/offline.js'
import * as fixCommand from '../src/commands/fix.js'
import { ensureBuilt, inTerminal, run, SCRIPT } from './support/cli.js'

ensureBuilt()
const dir = mkdtempSync(join(tmpdir(), 'istiocni-progress-'))
// The bench's workloads (650 of 1,000 break): enough documents that each step lasts longer than a frame (100 ms), so its counter is drawn whatever the timing.
const file = join(dir, 'many.yaml')
writeFileSync(file, generateManifests(1000))
/** ora hides the cursor while it spins. */
const SPINNING = '\x1b[?25l'

t.test('a terminal: check and fix count documents and workloads on stderr while they read and check', { skip: SCRIPT }, async (t) => {
  const check = await inTerminal(['check', '-f', file], '', { cols: 100 })
  t.equal(check.code, 3, check.text.slice(-500))
  t.match(check.text, /Reading \S*many\.yaml: \d+ of 1,000 documents/)
  t.match(check.text, /Checking: \d+ workloads/)
  t.match(check.text, /1000 workloads: 650 breaks/, 'the table follows')
  const fix = await inTerminal(['fix', '-f', file, '--dry-run'], '', { cols: 100 })
  t.equal(fix.code, 0, fix.text.slice(-500))
  t.match(fix.text, /Reading \S*many\.yaml: \d+ of 1,000 documents/)
})

t.test('fix counts every step on a terminal: planning, rewriting, diffing, checking what it fixed', async (t) => {
  // A terminal on stderr, as ora draws on one; every look at the clock is a frame later, so each
  // step's counter is drawn whatever the machine's speed.
  const err = { isTTY: true, columns: 100, text: '', write(s: string) { this.text += s; return true }, cursorTo: () => true, moveCursor: () => true, clearLine: () => true }
  const saved = { now: Date.now, CI: process.env.CI, TERM: process.env.TERM }
  let now = 0
  Date.now = () => (now += 1000)
  delete process.env.CI
  process.env.TERM = 'xterm'
  t.teardown(() => {
    Date.now = saved.now
    for (const k of ['CI', 'TERM'] as const) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k]
  })
  const args = yargs(['fix', '-f', file, '--dry-run']).command(fixCommand.command, fixCommand.describe, fixCommand.builder).strict().parseSync() as unknown as Parameters<typeof fixCommand.run>[0]
  let out = ''
  const code = await fixCommand.run(args, { out: { write: (s: string) => (out += s) }, err, color: false, isTTY: false })
  t.equal(code, 0)
  for (const step of [/Reading \S*many\.yaml: \d+ of 1,000 documents/, /Checking: \d+ workloads/, /Planning: \d+ of 650 workloads/, /Rewriting \S*many\.yaml: \d+ of 650 documents/, /Diffing \S*many\.yaml: \d+ of 650 changed documents/, /Checking the fixed workloads: \d+ of 650/]) t.match(err.text, step)
  t.notMatch(out, /Planning|Rewriting|Diffing|Checking/, 'never on stdout')
})

t.test('-o json|yaml on a terminal, and any output off one: no progress at all', { skip: SCRIPT }, async (t) => {
  for (const o of ['json', 'yaml']) {
    const r = await inTerminal(['check', '-f', file, '-o', o], '', { cols: 100 })
    t.equal(r.code, 3)
    t.notMatch(r.text, /Reading|Checking/, `-o ${o}`)
    t.notOk(r.text.includes(SPINNING), `-o ${o}: no spinner`)
  }
  const patch = await inTerminal(['fix', '-f', file, '-o', 'patch'], '', { cols: 100 })
  t.equal(patch.code, 0)
  t.notOk(/Reading|Checking|Planning/.test(patch.text) || patch.text.includes(SPINNING), 'fix -o patch: no progress')
  const piped = run(['check', '-f', file])
  t.equal(piped.code, 3)
  t.notMatch(piped.stdout + piped.stderr, /Reading|Checking/, 'not a terminal: no progress')
})
