// Start-up cost of the built CLI, as ratios to `node -e 0`, and the size of what ships.
//
//   node --import tsx bench/startup.ts [--runs 15] [--dist dist] [--json]
//
// Each command runs `runs` times, interleaved with the others (so load on the machine hits all
// alike) after two warm-up rounds; the median is reported. The plugin is timed as kubectl runs
// it (the executable itself, by the same `node` as the baseline); the kubectl front-end, when
// present, is shown apart: its cost is the same for every plugin.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = 'kubectl-istiocni'

/** A small input for `check -f`: one meshed Deployment whose init container calls a service. */
export const SMALL_INPUT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
      annotations:
        sidecar.istio.io/status: '{"initContainers":["istio-init"],"containers":["istio-proxy"]}'
    spec:
      initContainers:
      - name: wait-for-db
        image: busybox:1.36
        command: ["sh", "-c", "until nc -z db.shop.svc.cluster.local 5432; do sleep 2; done"]
      - name: istio-init
        image: docker.io/istio/proxyv2:1.22.0
        args: ["istio-iptables", "-p", "15001", "-z", "15006", "-u", "1337", "-m", "REDIRECT", "-i", "*", "-x", "", "-b", "*", "-d", "15090,15021,15020"]
      containers:
      - name: web
        image: nginx:1.27
      - name: istio-proxy
        image: docker.io/istio/proxyv2:1.22.0
`

export interface Command {
  label: string
  file: string
  args: string[]
  env?: NodeJS.ProcessEnv
  /** Exit codes that mean success (check exits 3 when it finds a workload that breaks). */
  ok?: number[]
}

export interface Timing {
  label: string
  medianMs: number
  ratio: number
  error?: string
}

export interface StartupReport {
  node: string
  runs: number
  baselineMs: number
  timings: Timing[]
  sizes: { label: string; bytes: number }[]
}

function once(c: Command): { ms: number; error?: string } {
  const t = process.hrtime.bigint()
  const r = spawnSync(c.file, c.args, { stdio: ['ignore', 'pipe', 'pipe'], env: c.env ?? process.env })
  const ms = Number(process.hrtime.bigint() - t) / 1e6
  const ok = c.ok ?? [0]
  if (r.error) return { ms, error: r.error.message }
  if (!ok.includes(r.status ?? -1)) return { ms, error: `exit ${r.status}: ${String(r.stderr).trim().split('\n')[0]}` }
  return { ms }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** Interleaved runs; the first command is the baseline. */
export function measure(commands: Command[], runs: number): Timing[] {
  const times: number[][] = commands.map(() => [])
  const errors: (string | undefined)[] = commands.map(() => undefined)
  for (let round = -2; round < runs; round++) {
    commands.forEach((c, i) => {
      if (errors[i]) return
      const r = once(c)
      if (r.error) errors[i] = r.error
      else if (round >= 0) times[i]!.push(r.ms)
    })
  }
  if (errors[0]) throw new Error(`baseline failed: ${errors[0]}`)
  const base = median(times[0]!)
  return commands.map((c, i) => {
    const ms = errors[i] ? NaN : median(times[i]!)
    return { label: c.label, medianMs: ms, ratio: ms / base, ...(errors[i] ? { error: errors[i] } : {}) }
  })
}

function which(cmd: string): string | undefined {
  for (const d of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(d, cmd)
    if (d && existsSync(p)) return p
  }
  return undefined
}

export function startupReport({ dist = join(ROOT, 'dist'), runs = 15 } = {}): StartupReport {
  const entry = join(dist, BIN)
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`)
  const tmp = mkdtempSync(join(tmpdir(), 'istiocni-bench-'))
  try {
    const small = join(tmp, 'small.yaml')
    writeFileSync(small, SMALL_INPUT)
    const node = process.execPath
    const commands: Command[] = [
      { label: 'node -e 0', file: node, args: ['-e', '0'] },
      { label: 'kubectl-istiocni --version', file: node, args: [entry, '--version'] },
      { label: 'kubectl-istiocni check -f small.yaml', file: node, args: [entry, 'check', '-f', small], ok: [0, 3] },
    ]
    const sea = join(dist, 'sea', BIN)
    if (existsSync(sea)) {
      commands.push(
        { label: 'SEA --version', file: sea, args: ['--version'] },
        { label: 'SEA check -f small.yaml', file: sea, args: ['check', '-f', small], ok: [0, 3] },
      )
    }
    const kubectl = which('kubectl')
    if (kubectl) {
      const bin = join(tmp, 'bin')
      mkdirSync(bin)
      symlinkSync(resolve(entry), join(bin, BIN))
      const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}` }
      commands.push(
        { label: 'kubectl version --client (front-end alone)', file: kubectl, args: ['version', '--client'] },
        { label: 'kubectl istiocni --version (via kubectl)', file: kubectl, args: ['istiocni', '--version'], env },
      )
    }
    const timings = measure(commands, runs)

    const text = readFileSync(entry, 'latin1')
    // The lazy packages are embedded as one string literal each (scripts/build.mjs).
    const embedded = [...text.matchAll(/Buffer\.from\(\\"([A-Za-z0-9+/=]{1000,})\\",\s*\\"base64\\"\)/g)].reduce((n, m) => n + m[1]!.length, 0)
    const sizes = [
      { label: 'bundle (one file)', bytes: statSync(entry).size },
      { label: 'bundle, gzipped', bytes: gzipSync(readFileSync(entry)).length },
      { label: 'of which lazy packages, gzipped in base64', bytes: embedded },
    ]
    if (existsSync(sea)) sizes.push({ label: 'SEA executable', bytes: statSync(sea).size })
    return { node: process.version, runs, baselineMs: timings[0]!.medianMs, timings: timings.slice(1), sizes }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

export function formatReport(r: StartupReport): string {
  const lines = [`start-up (median of ${r.runs} interleaved runs, node ${r.node}; aim: ratio <= 2.00)`]
  lines.push(`  ${'node -e 0'.padEnd(44)} ${r.baselineMs.toFixed(1).padStart(7)} ms   1.00x`)
  for (const t of r.timings) {
    lines.push(`  ${t.label.padEnd(44)} ${t.error ? `n/a (${t.error})` : `${t.medianMs.toFixed(1).padStart(7)} ms  ${t.ratio.toFixed(2).padStart(5)}x`}`)
  }
  lines.push('size')
  for (const s of r.sizes) {
    const v = s.bytes >= 1e6 ? `${(s.bytes / 1e6).toFixed(2)} MB` : `${(s.bytes / 1e3).toFixed(1)} kB`
    lines.push(`  ${s.label.padEnd(44)} ${v.padStart(10)}`)
  }
  return lines.join('\n')
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, dist: { type: 'string' }, json: { type: 'boolean' } } })
  const report = startupReport({ ...(values.dist ? { dist: resolve(values.dist) } : {}), ...(values.runs ? { runs: Number(values.runs) } : {}) })
  console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report))
}
