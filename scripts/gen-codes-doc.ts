// Writes docs/codes.md from the message table: `node --import tsx scripts/gen-codes-doc.ts`.
// `--check` writes nothing and exits 1 when the file is stale (test/codes.test.ts checks the same).
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { renderCodesMarkdown } from '../src/render/codes.js'

const FILE = fileURLToPath(new URL('../docs/codes.md', import.meta.url))
const text = renderCodesMarkdown()

if (process.argv.includes('--check')) {
  let current = ''
  try { current = readFileSync(FILE, 'utf8') } catch { /* missing counts as stale */ }
  if (current !== text) {
    process.stderr.write('docs/codes.md is stale: run node --import tsx scripts/gen-codes-doc.ts\n')
    process.exitCode = 1
  }
} else {
  writeFileSync(FILE, text)
  process.stdout.write(`wrote docs/codes.md (${text.split('\n').length} lines)\n`)
}
