// The README's example outputs are what the plugin prints now (issue #14): each marked block is
// run again (scripts/readme-examples.ts) and must match, byte for byte.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ensureBuilt, ROOT } from './support/cli.js'
import { regenerate } from '../scripts/readme-examples.js'

ensureBuilt()
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')

t.test('every README example is generated and current', async (t) => {
  const markers = readme.match(/^<!-- example( \(test cluster\))?: .+ -->$/gm) ?? []
  t.ok(markers.length >= 7, `${markers.length} marked examples`)
  t.ok(markers.some((m) => m.includes('(test cluster)')), 'live examples too, from the test API server')
  const fresh = await regenerate(readme)
  const stale = fresh.split('\n').filter((l, i) => l !== readme.split('\n')[i])
  t.equal(fresh, readme, `README.md is stale (first differing lines: ${stale.slice(0, 3).join(' | ')}): run node --import tsx scripts/readme-examples.ts`)
})

t.test('the generator replaces a stale block with the real output', async (t) => {
  const stale = '<!-- example: check -f examples/shop.yaml -o name -->\n```console\n$ kubectl istiocni check -f examples/shop.yaml -o name\ndeployment.apps/made-up\n```\n'
  t.equal(await regenerate(stale), '<!-- example: check -f examples/shop.yaml -o name -->\n```console\n$ kubectl istiocni check -f examples/shop.yaml -o name\ndeployment.apps/orders\njob.batch/catalog-migrate\nstatefulset.apps/search\ndaemonset.apps/node-exporter\n```\n')
})
