// Writes the generated docs: docs/codes.md from the message table, docs/programs.md from the program
// catalog (and the catalog's family keys, src/classify/catalog/entries/keys.ts): `node --import tsx scripts/gen-codes-doc.ts`. `--check` writes nothing and exits 1 when one
// is stale (test/codes.test.ts and test/catalog.test.ts check the same).
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { renderCodesMarkdown } from '../src/render/codes.js'
import { renderCatalogKeys, renderProgramsMarkdown } from '../src/render/programs.js'

const DOCS: [string, () => string][] = [['docs/codes.md', renderCodesMarkdown], ['docs/programs.md', renderProgramsMarkdown], ['src/classify/catalog/entries/keys.ts', renderCatalogKeys]]

for (const [name, render] of DOCS) {
  const file = fileURLToPath(new URL(`../${name}`, import.meta.url))
  const text = render()
  if (process.argv.includes('--check')) {
    let current = ''
    try { current = readFileSync(file, 'utf8') } catch { /* missing counts as stale */ }
    if (current !== text) {
      process.stderr.write(`${name} is stale: run node --import tsx scripts/gen-codes-doc.ts\n`)
      process.exitCode = 1
    }
  } else {
    writeFileSync(file, text)
    process.stdout.write(`wrote ${name} (${text.split('\n').length} lines)\n`)
  }
}
