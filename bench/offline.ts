// Offline check of one large file (issue #17): `check -f big.yaml -o json` (the built bundle, as
// kubectl runs it) timed side by side with kubectl's own local processing of the same file
// (`kubectl create --dry-run=client --validate=false -o json -f big.yaml`; aim ≤ 0.5×), at 1k,
// 10k and 50k workloads, with peak RSS (aim < 250 MiB at 10k, < 700 MiB at 50k), the parse-only
// floor (js-yaml's CommonJS build over the same file), and ratios to `node -e 0`; then one file of
// 250,000 documents, which must complete. At 10k, `fix -f big.yaml --dry-run` and `fix` writing a
// copy of the file are timed too, as ratios to `check` (issue #14: within 2×; it was super-linear)
// and to kubectl's local dry-run.
//
//   node --import tsx bench/offline.ts [--runs 3] [--dist dist] [--json]
//
// Every init container of the generated file is distinct (names, hosts, paths and flags carry the
// workload's number), so a cache of identical containers buys nothing here.
//
// kubectl needs API discovery even for a client-side dry run: it is fetched once from the test API
// server into a private cache directory, and the server is closed before anything is timed, so
// kubectl's runs are as local as ours.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { startApiServer } from '../test/support/apiserver.js'
import { KUBECTL } from '../test/support/kubectl.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined

/** Application init containers in rotation; `{i}` makes every one distinct. */
const INITS = [
  `{name: wait-db-{i}, image: 'busybox:1.36', command: [sh, -c, 'until nc -z postgres-{i}.db.svc.cluster.local 5432; do echo waiting for db {i}; sleep 2; done']}`,
  `{name: migrate-{i}, image: 'flyway/flyway:10.{i}', args: ['-url=jdbc:postgresql://pg-{i}.db:5432/app{i}', '-user=app{i}', migrate], securityContext: {runAsUser: 1337}}`,
  `{name: perms-{i}, image: bitnami/os-shell, command: [sh, -c, 'mkdir -p /data/{i} && chown -R 1001:1001 /data/{i}'], volumeMounts: [{name: data, mountPath: /data}]}`,
  `{name: fetch-{i}, image: 'curlimages/curl:8.5.0', args: [-sfo, /config/{i}.json, 'https://api.example.com/v1/config/{i}']}`,
  `{name: wait-job-{i}, image: 'groundnuty/k8s-wait-for:v2.0', args: [job, 'migrate-{i}']}`,
  `{name: prepare-{i}, image: 'acme/app:{i}', command: [/app/bin/prepare, '--id={i}'], env: [{name: DATABASE_URL, value: 'postgres://db-{i}:5432/app'}]}`,
  `{name: dns-{i}, image: busybox, command: [sh, -c, 'until nslookup svc-{i}.shop.svc.cluster.local; do sleep 1; done']}`,
  `{name: seed-{i}, image: 'redis:7.{i}', command: [sh, -c, 'redis-cli -h cache-{i} -p 6379 ping && redis-cli -h cache-{i} set seeded-{i} 1']}`,
  `{name: schema-{i}, image: 'migrate/migrate:v4', args: ['-path=/migrations/{i}', '-database', 'mysql://user:pw@tcp(mysql-{i}:3306)/db', up]}`,
  `{name: copy-{i}, image: 'alpine:3.{i}', command: [sh, -c, 'cp -r /src/{i}/. /work/ && ls /work']}`,
]

/** One Deployment; every third one was kube-injected (istio-init and istio-proxy in the template). */
function workload(i: number): string {
  const fill = (s: string) => s.replaceAll('{i}', String(i))
  const inits = [fill(INITS[i % INITS.length]!)]
  if (i % 4 === 0) inits.push(fill(INITS[(i + 3) % INITS.length]!).replace(/name: (\S+?),/, 'name: $1-b,'))
  const injected = i % 3 === 0
  if (injected) inits.push(`{name: istio-init, image: 'docker.io/istio/proxyv2:1.24.2', args: [istio-iptables, -p, '15001', -z, '15006', -u, '1337', -m, REDIRECT, -i, '*', -x, '', -b, '*', -d, '15090,15021,15020']}`)
  const proxy = injected ? `
      - name: istio-proxy
        image: docker.io/istio/proxyv2:1.24.2
        args: [proxy, sidecar, --domain, $(POD_NAMESPACE).svc.cluster.local]
        resources: {requests: {cpu: 100m, memory: 128Mi}}` : ''
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: ns-${i % 50}
  labels: {app: app-${i}, team: team-${i % 17}}
spec:
  replicas: 2
  selector:
    matchLabels: {app: app-${i}}
  template:
    metadata:
      labels: {app: app-${i}, version: v${i % 5}}
      annotations:
        prometheus.io/scrape: "true"${injected ? `\n        sidecar.istio.io/status: '{"initContainers":["istio-init"],"containers":["istio-proxy"],"revision":"default"}'` : ''}
    spec:
      serviceAccountName: app-${i}
      initContainers:
${inits.map((c) => `      - ${c}`).join('\n')}
      containers:
      - name: app
        image: registry.example.com/acme/app-${i}:1.${i % 9}.0
        ports: [{containerPort: 8080, name: http}]
        env:
        - {name: MODE, value: production}
        - {name: INSTANCE, value: "${i}"}
        readinessProbe: {httpGet: {path: /ready, port: 8080}, periodSeconds: 10}
        resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {memory: 256Mi}}${proxy}
      volumes:
      - {name: data, emptyDir: {}}
`
}

/** Objects no rule reads, as real streams carry them (a Service per workload). */
const service = (i: number) => `apiVersion: v1
kind: Service
metadata: {name: app-${i}, namespace: ns-${i % 50}}
spec:
  selector: {app: app-${i}}
  ports: [{port: 80, targetPort: 8080, name: http}]
`

export function generateManifests(workloads: number, services = 0): string {
  const docs: string[] = []
  for (let i = 0; i < workloads; i++) docs.push(workload(i))
  for (let i = 0; i < services; i++) docs.push(service(i))
  return docs.join('---\n')
}

interface Run { ms: number; rssMiB: number | null }

function once(file: string, args: string[], ok: number[], env?: NodeJS.ProcessEnv): Run {
  const rssFile = join(tmpdir(), `istiocni-bench-rss-${process.pid}`)
  const [cmd, argv] = TIME ? [TIME, ['-q', '-f', '%M', '-o', rssFile, file, ...args]] : [file, args]
  const t = process.hrtime.bigint()
  // stdout goes to a pipe that is read and dropped, as for kubectl: both write the whole output.
  const r = spawnSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30, env: env ?? process.env })
  const ms = Number(process.hrtime.bigint() - t) / 1e6
  if (r.error) throw r.error
  if (!ok.includes(r.status ?? -1)) throw new Error(`${file} ${args.join(' ')}: exit ${r.status}: ${String(r.stderr).trim().split('\n')[0]}`)
  let rssMiB: number | null = null
  if (TIME) {
    rssMiB = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) / 1024
    rmSync(rssFile, { force: true })
  }
  return { ms, rssMiB }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** `before`: run before each run of the command (fix rewrites its file: a fresh copy each time). */
interface Command { label: string; file: string; args: string[]; ok?: number[]; before?: () => void }
interface Measured { label: string; ms: number; rssMiB: number | null }

/** Interleaved runs after one warm-up round (if `warmUp`); medians of time, maximum of RSS. */
function measure(commands: Command[], runs: number, warmUp = true): Measured[] {
  const times: number[][] = commands.map(() => [])
  const rss: number[] = commands.map(() => 0)
  for (let round = warmUp ? -1 : 0; round < runs; round++) {
    commands.forEach((c, i) => {
      c.before?.()
      const r = once(c.file, c.args, c.ok ?? [0])
      if (round >= 0) times[i]!.push(r.ms)
      rss[i] = Math.max(rss[i]!, r.rssMiB ?? 0)
    })
  }
  return commands.map((c, i) => ({ label: c.label, ms: median(times[i]!), rssMiB: TIME ? rss[i]! : null }))
}

/** Parse-only: js-yaml's CommonJS build over the whole stream, nothing else. */
const FLOOR = `const y = require(${JSON.stringify(createRequire(import.meta.url).resolve('js-yaml'))}); y.loadAll(require('fs').readFileSync(process.argv[1], 'utf8'))`

export interface Point { workloads: number; documents: number; mib: number; check: Measured; kubectl: Measured | null; floor: Measured; fix?: { dryRun: Measured; write: Measured } }
export interface OfflineBench { nodeMs: number; runs: number; points: Point[]; big: { documents: number; mib: number; check: Measured | string } }

async function primeKubectl(tmp: string): Promise<string[] | null> {
  if (!KUBECTL) return null
  const server = await startApiServer({ objects: [] })
  const kubeconfig = join(tmp, 'kubeconfig')
  const cache = join(tmp, 'kube-cache')
  try {
    copyFileSync(server.kubeconfigPath, kubeconfig)
    const args = ['--kubeconfig', kubeconfig, '--cache-dir', cache, 'api-resources', '-o', 'name']
    // Asynchronous: the server runs in this process.
    const { spawn } = await import('node:child_process')
    const code = await new Promise<number>((done) => spawn(KUBECTL!, args, { stdio: 'ignore' }).on('exit', (c) => done(c ?? -1)))
    if (code !== 0) throw new Error(`kubectl api-resources failed (exit ${code})`)
  } finally {
    await server.close()
  }
  return ['--kubeconfig', kubeconfig, '--cache-dir', cache, 'create', '--dry-run=client', '--validate=false', '-o', 'json', '-f']
}

export async function runOfflineBench({ dist = join(ROOT, 'dist'), runs = 3, sizes = [1_000, 10_000, 50_000], bigDocuments = 250_000 } = {}): Promise<OfflineBench> {
  const entry = join(dist, 'kubectl-istiocni')
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`)
  const tmp = mkdtempSync(join(tmpdir(), 'istiocni-offline-bench-'))
  try {
    const kubectl = await primeKubectl(tmp)
    const node = process.execPath
    const [base] = measure([{ label: 'node -e 0', file: node, args: ['-e', '0'] }], 11)
    const points: Point[] = []
    for (const n of sizes) {
      const file = join(tmp, `workloads-${n}.yaml`)
      writeFileSync(file, generateManifests(n))
      // The 10k point is the aim: measured `runs` times (the 1k point before it warmed V8's code
      // cache and kubectl's discovery; the file was just written); the others once. fix that
      // writes (a fresh copy each time) once: it is the dry run plus one write of the file.
      const aim = n === 10_000
      const commands: Command[] = [
        { label: 'check -o json', file: node, args: [entry, 'check', '-f', file, '-o', 'json'], ok: [0, 3] },
        { label: 'parse only', file: node, args: ['-e', FLOOR, file] },
      ]
      if (kubectl) commands.push({ label: 'kubectl create --dry-run=client', file: KUBECTL!, args: [...kubectl, file] })
      if (aim) commands.push({ label: 'fix --dry-run', file: node, args: [entry, 'fix', '-f', file, '--dry-run'], ok: [0, 3] })
      const [check, floor, ...rest] = measure(commands, aim ? runs : 1, false)
      const k = kubectl ? rest.shift() : undefined
      const dryRun = rest.shift()
      const copy = join(tmp, `fix-${n}.yaml`)
      const write = aim ? measure([{ label: 'fix (writes)', file: node, args: [entry, 'fix', '-f', copy, '--yes'], ok: [0, 3], before: () => copyFileSync(file, copy) }], 1, false)[0] : undefined
      points.push({ workloads: n, documents: n, mib: statSync(file).size / 1048576, check: check!, floor: floor!, kubectl: k ?? null, ...(dryRun && write ? { fix: { dryRun, write } } : {}) })
      rmSync(file)
    }
    // 250k documents: one workload in ten, the rest Services (a file over 256 MiB is refused).
    const file = join(tmp, 'documents.yaml')
    writeFileSync(file, generateManifests(bigDocuments / 10, bigDocuments - bigDocuments / 10))
    let big: Measured | string
    try {
      big = measure([{ label: 'check -o json', file: node, args: [entry, 'check', '-f', file, '-o', 'json'], ok: [0, 3] }], 1, false)[0]!
    } catch (e) {
      big = (e as Error).message.split(': exit ')[1] ?? (e as Error).message
    }
    return { nodeMs: base!.ms, runs, points, big: { documents: bigDocuments, mib: statSync(file).size / 1048576, check: big } }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

export function formatOfflineBench(b: OfflineBench): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`.padStart(8)
  const x = (v: number) => `${v.toFixed(2)}×`
  const mib = (m: Measured) => (m.rssMiB === null ? 'n/a' : `${m.rssMiB.toFixed(0)} MiB`)
  const lines = [`Offline check -f big.yaml -o json vs kubectl create --dry-run=client --validate=false -o json (distinct init containers; node -e 0 = ${b.nodeMs.toFixed(0)} ms)`]
  for (const p of b.points) {
    const aim = p.workloads === 10_000 ? ` (median of ${b.runs}; aim ≤ 0.50×, RSS < 250 MiB)` : p.workloads === 50_000 ? ' (aim: RSS < 700 MiB)' : ''
    lines.push(`  ${p.workloads} workloads, ${p.mib.toFixed(1)} MiB${aim}`)
    lines.push(`    check:      ${s(p.check.ms)} = ${p.kubectl ? `${x(p.check.ms / p.kubectl.ms)} kubectl, ` : ''}${x(p.check.ms / b.nodeMs)} node -e 0; peak RSS ${mib(p.check)}`)
    if (p.kubectl) lines.push(`    kubectl:    ${s(p.kubectl.ms)} = ${x(p.kubectl.ms / b.nodeMs)} node -e 0; peak RSS ${mib(p.kubectl)}`)
    else lines.push('    kubectl:    n/a (not installed)')
    lines.push(`    parse only: ${s(p.floor.ms)} = ${p.kubectl ? `${x(p.floor.ms / p.kubectl.ms)} kubectl, ` : ''}${x(p.floor.ms / b.nodeMs)} node -e 0 (js-yaml loadAll, the floor)`)
    // The same file fixed (issue #14: aim ≤ 2× check), and against kubectl's local dry-run of it.
    for (const [label, m, once] of p.fix ? [['fix --dry-run:', p.fix.dryRun, ''], ['fix (writes):', p.fix.write, ' (one run)']] as const : []) lines.push(`    ${label.padEnd(14)}${s(m.ms)} = ${x(m.ms / p.check.ms)} check (aim ≤ 2.00×)${p.kubectl ? `, ${x(m.ms / p.kubectl.ms)} kubectl` : ''}; peak RSS ${mib(m)}${once}`)
  }
  const big = b.big.check
  lines.push(`  ${b.big.documents} documents (${b.big.documents / 10} workloads), ${b.big.mib.toFixed(1)} MiB: check ${typeof big === 'string' ? `FAILED (exit ${big})` : `${s(big.ms).trim()}, peak RSS ${mib(big)}`}`)
  return lines.join('\n')
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, dist: { type: 'string' }, json: { type: 'boolean' } } })
  const b = await runOfflineBench({ ...(values.dist ? { dist: resolve(values.dist) } : {}), ...(values.runs ? { runs: Number(values.runs) } : {}) })
  console.log(values.json ? JSON.stringify(b, null, 2) : formatOfflineBench(b))
}
