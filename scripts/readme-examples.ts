// The README's example outputs are the plugin's real output (issue #14). Each example is a
// `console` block right after a marker that says what to run:
//
//   <!-- example: check -f examples/ -->
//   <!-- example: check -f - --platform gke < test/fixtures/readme/istio-cni-gke.yaml | shown as: helm template … | kubectl istiocni check -f - --platform gke -->
//   <!-- example (test cluster): check -A -->
//
// The arguments run with the built dist/kubectl-istiocni (no colour, from the repository root);
// `< FILE` is its stdin; `(test cluster)` runs it against the project's test API server loaded
// with test/fixtures/cluster (kubeconfig context `test`). The block becomes `$ <shown command>`,
// then stdout, then stderr (as a terminal shows them: the next-steps line comes last).
//
//   node --import tsx scripts/readme-examples.ts           rewrites README.md
//   node --import tsx scripts/readme-examples.ts --check   writes nothing; exit 1 when it is stale
// (test/readme.test.ts checks the same.)
import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadFixtures, startApiServer, type KObj, type TestApiServer } from '../test/support/apiserver.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = join(ROOT, 'dist', 'kubectl-istiocni')
const MARKER = /^<!-- example( \(test cluster\))?: (.+?) -->\n```console\n[^]*?^```$/gm

interface Example { cluster: boolean; args: string[]; stdin?: string; shown: string }

function parseMarker(cluster: boolean, spec: string): Example {
  const [command, shown] = spec.split(' | shown as: ') as [string, string | undefined]
  const [args, stdin] = command.split(' < ').map((s) => s.trim()) as [string, string | undefined]
  return { cluster, args: args.split(/\s+/), ...(stdin ? { stdin } : {}), shown: shown ?? `kubectl istiocni ${args}` }
}

function runExample(e: Example, kubeconfig: string | undefined): Promise<string> {
  return new Promise((resolve) => {
    const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', KUBECTL_ISTIOCNI_NO_CACHE: '1', ...(kubeconfig ? { KUBECONFIG: kubeconfig } : {}) }
    const child = execFile(process.execPath, [BIN, ...e.args], { cwd: ROOT, env }, (_err, stdout, stderr) => resolve(`${stdout}${stderr}`))
    child.stdin!.end(e.stdin ? readFileSync(join(ROOT, e.stdin)) : '')
  })
}

/** `readme` with every example block regenerated from what the plugin prints now. */
export async function regenerate(readme: string): Promise<string> {
  const blocks = [...readme.matchAll(MARKER)].map((m) => ({ text: m[0], marker: m[0].split('\n')[0]!, example: parseMarker(Boolean(m[1]), m[2]!) }))
  let server: TestApiServer | undefined
  try {
    if (blocks.some((b) => b.example.cluster)) server = await startApiServer({ objects: loadFixtures(join(ROOT, 'test/fixtures/cluster')) as KObj[] })
    let out = readme
    for (const b of blocks) {
      const output = await runExample(b.example, b.example.cluster ? server!.kubeconfigPath : undefined)
      out = out.replace(b.text, () => `${b.marker}\n\`\`\`console\n$ ${b.example.shown}\n${output}${output.endsWith('\n') || !output ? '' : '\n'}\`\`\``)
    }
    return out
  } finally {
    await server?.close()
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = join(ROOT, 'README.md')
  const current = readFileSync(file, 'utf8')
  const text = await regenerate(current)
  if (process.argv.includes('--check')) {
    if (text !== current) {
      process.stderr.write('README.md examples are stale: run node --import tsx scripts/readme-examples.ts\n')
      process.exitCode = 1
    }
  } else {
    writeFileSync(file, text)
    process.stdout.write(`README.md: ${[...current.matchAll(MARKER)].length} examples regenerated\n`)
  }
}
