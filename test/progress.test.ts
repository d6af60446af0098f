// Progress of the offline steps (issue #14: `fix` on 10,000 workloads was silent for 38 s): on a
// terminal, a spinner with a count on stderr; never on stdout, never with -o json|yaml, never off
// a terminal. Run through a pseudo-terminal (`script`) with stdout piped, as in `check | less`.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { generateManifests } from '../bench/offline.js'
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

t.test('-o json|yaml on a terminal, and any output off one: no progress at all', { skip: SCRIPT }, async (t) => {
  for (const o of ['json', 'yaml']) {
    const r = await inTerminal(['check', '-f', file, '-o', o], '', { cols: 100 })
    t.equal(r.code, 3)
    t.notMatch(r.text, /Reading|Checking/, `-o ${o}`)
    t.notOk(r.text.includes(SPINNING), `-o ${o}: no spinner`)
  }
  const piped = run(['check', '-f', file])
  t.equal(piped.code, 3)
  t.notMatch(piped.stdout + piped.stderr, /Reading|Checking/, 'not a terminal: no progress')
})
