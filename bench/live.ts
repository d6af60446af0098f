// Live check of a large cluster (issue #4): a generated cluster of 10,000 pods in 2,000 workloads
// on the test API server; `check -A -o json` (the built bundle, as kubectl runs it) timed against
// `kubectl get ns,pods,deploy,sts,ds,rs,jobs,cronjobs -A -o json` on the same server, as a ratio
// (aim ≤ 1.3); the requests the check made (they must not grow with the pods beyond list pages);
// peak RSS of both.
//
//   node --import tsx bench/live.ts [--pods 10000] [--workloads 2000] [--runs 3] [--json]
//   node --import tsx bench/live.ts --scale [--pods 200000] [--kubectl] [--json]   (20k vs 200k, issue 14)
//
// The server runs in this process, so both commands are spawned asynchronously (never spawnSync:
// it would stall the server). Runs are interleaved after one warm-up round; medians are reported.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { generateCluster, startApiServer, type RecordedRequest } from '../test/support/apiserver.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const PAGE = 500

export interface LiveBenchOptions {
  pods?: number
  workloads?: number
  runs?: number
  dist?: string
  /** Time kubectl get on the same server too (default true). */
  kubectl?: boolean
  /** One untimed round first (default true). */
  warmUp?: boolean
}

export interface LiveBench {
  pods: number
  workloads: number
  objects: number
  runs: number
  checkMs: number
  kubectlMs: number | null
  /** check ÷ kubectl; aim ≤ 1.3. */
  ratio: number | null
  /** Requests of one check run, and how they split. */
  requests: number
  lists: number
  extraPages: number
  kubectlRequests: number | null
  checkPeakRssMiB: number | null
  kubectlPeakRssMiB: number | null
  workloadRows: number
}

function which(cmd: string): string | undefined {
  for (const d of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(d, cmd)
    if (d && existsSync(p)) return p
  }
  return undefined
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

interface RunResult { ms: number; rssKiB: number | null; code: number | null; stdout: string; stderr: string }

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined

/** Spawns without blocking the event loop (the server answers from it); peak RSS via /usr/bin/time. */
function runOnce(file: string, args: string[], env: NodeJS.ProcessEnv, rssFile: string, keepStdout: boolean): Promise<RunResult> {
  return new Promise((done, fail) => {
    const [cmd, argv] = TIME ? [TIME, ['-f', '%M', '-o', rssFile, file, ...args]] : [file, args]
    const started = performance.now()
    const child = spawn(cmd, argv, { env, stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', 'pipe'] })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout?.on('data', (c: Buffer) => out.push(c))
    child.stderr?.on('data', (c: Buffer) => err.push(c))
    child.on('error', fail)
    child.on('close', (code) => {
      const ms = performance.now() - started
      let rssKiB: number | null = null
      if (TIME) {
        try {
          rssKiB = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1))
        } catch {
          rssKiB = null
        }
      }
      done({ ms, rssKiB, code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') })
    })
  })
}

export async function runLiveBench(o: LiveBenchOptions = {}): Promise<LiveBench> {
  const pods = o.pods ?? 10_000
  const workloads = o.workloads ?? 2_000
  const runs = o.runs ?? 3
  const entry = join(o.dist ?? join(ROOT, 'dist'), 'kubectl-istiocni')
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`)
  const objects = generateCluster({ pods, workloads })
  const server = await startApiServer({ objects })
  const tmp = mkdtempSync(join(tmpdir(), 'istiocni-live-bench-'))
  try {
    const env = { ...process.env, KUBECONFIG: '', NO_COLOR: '1' }
    const rss = join(tmp, 'rss')
    const check = ['check', '-A', '-o', 'json', '--kubeconfig', server.kubeconfigPath]
    const kubectl = o.kubectl === false ? undefined : which('kubectl')
    const kubectlArgs = ['--kubeconfig', server.kubeconfigPath, '--cache-dir', join(tmp, 'kube-cache'), 'get', 'ns,pods,deploy,sts,ds,rs,jobs,cronjobs', '-A', '-o', 'json']

    const checkTimes: number[] = []
    const kubectlTimes: number[] = []
    let checkRss = 0
    let kubectlRss = 0
    let requests: RecordedRequest[] = []
    let kubectlRequests: number | null = null
    let rows = 0
    const first = o.warmUp === false ? 0 : -1
    for (let round = first; round < runs; round++) {
      const before = server.requests.length
      const c = await runOnce(process.execPath, [entry, ...check], env, rss, round === first)
      if (c.code !== 0 && c.code !== 3) throw new Error(`check -A failed (exit ${c.code}): ${c.stderr.trim().split('\n')[0]}`)
      if (round === first) {
        requests = server.requests.slice(before)
        rows = (JSON.parse(c.stdout).workloads as unknown[]).length
      }
      if (round >= 0) checkTimes.push(c.ms)
      checkRss = Math.max(checkRss, c.rssKiB ?? 0)
      if (!kubectl) continue
      const kBefore = server.requests.length
      const k = await runOnce(kubectl, kubectlArgs, env, rss, false)
      if (k.code !== 0) throw new Error(`kubectl get failed (exit ${k.code}): ${k.stderr.trim().split('\n')[0]}`)
      if (round === first) kubectlRequests = server.requests.length - kBefore
      if (round >= 0) kubectlTimes.push(k.ms)
      kubectlRss = Math.max(kubectlRss, k.rssKiB ?? 0)
    }
    const checkMs = median(checkTimes)
    const kubectlMs = kubectl ? median(kubectlTimes) : null
    const lists = requests.filter((r) => r.query.continue === undefined).length
    return {
      pods, workloads, objects: objects.length, runs,
      checkMs, kubectlMs, ratio: kubectlMs ? checkMs / kubectlMs : null,
      requests: requests.length, lists, extraPages: requests.length - lists, kubectlRequests,
      checkPeakRssMiB: TIME ? checkRss / 1024 : null,
      kubectlPeakRssMiB: TIME && kubectl ? kubectlRss / 1024 : null,
      workloadRows: rows,
    }
  } finally {
    await server.close()
    rmSync(tmp, { recursive: true, force: true })
  }
}

export function formatLiveBench(b: LiveBench): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
  const mib = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(0)} MiB`)
  const minPages = Math.ceil(b.pods / PAGE)
  return [
    `Live check, ${b.pods} pods in ${b.workloads} workloads (${b.objects} objects) on the test API server; ${b.runs === 1 ? 'one run after a warm-up' : `median of ${b.runs} interleaved runs`}`,
    `  check -A -o json:     ${s(b.checkMs)}${b.kubectlMs !== null ? `   = ${b.ratio!.toFixed(2)}× kubectl get (aim ≤ 1.30)` : ''}`,
    `  kubectl get … -A -o json: ${b.kubectlMs === null ? 'n/a (no kubectl on PATH)' : s(b.kubectlMs)}`,
    `  requests: ${b.requests} = ${b.lists} lists + ${b.extraPages} continue pages (${PAGE} items a page; pods alone need ${minPages}); kubectl: ${b.kubectlRequests ?? 'n/a'}`,
    `  peak RSS: check ${mib(b.checkPeakRssMiB)}, kubectl ${mib(b.kubectlPeakRssMiB)}`,
    `  rows: ${b.workloadRows} (pods grouped under their owners)`,
  ].join('\n')
}

/**
 * Scale (issue 14): `check -A` at 20k and at 200k pods (5 pods a workload), one run each, no
 * warm-up. Linear cost means the same time per pod at both sizes (ratio ≈ 1; aim ≤ 1.5); the
 * 200k read must finish at all (it once overflowed the stack at ≈ 130k). kubectl is timed at
 * 200k when asked (`kubectl: true`): it needs minutes and gigabytes there.
 */
export async function runScaleBench(o: { dist?: string; kubectl?: boolean; small?: number; large?: number } = {}): Promise<{ small: LiveBench; large: LiveBench }> {
  const one = (pods: number, kubectl: boolean) => runLiveBench({ pods, workloads: pods / 5, runs: 1, warmUp: false, kubectl, ...(o.dist ? { dist: o.dist } : {}) })
  const small = await one(o.small ?? 20_000, false)
  const large = await one(o.large ?? 200_000, o.kubectl === true)
  return { small, large }
}

export function formatScaleBench({ small, large }: { small: LiveBench; large: LiveBench }): string {
  const perPod = (b: LiveBench) => b.checkMs / b.pods
  const us = (b: LiveBench) => `${(perPod(b) * 1000).toFixed(0)} µs a pod`
  const mib = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(0)} MiB`)
  return [
    `Scale of the live check: check -A -o json, one run each (5 pods a workload)`,
    `  ${small.pods} pods: ${(small.checkMs / 1000).toFixed(1)} s (${us(small)}), peak RSS ${mib(small.checkPeakRssMiB)}`,
    `  ${large.pods} pods: ${(large.checkMs / 1000).toFixed(1)} s (${us(large)}), peak RSS ${mib(large.checkPeakRssMiB)}; ${large.requests} requests`,
    `  per-pod time ${large.pods / 1000}k ÷ ${small.pods / 1000}k: ${(perPod(large) / perPod(small)).toFixed(2)} (linear ≈ 1; aim ≤ 1.5)`,
    ...(large.ratio !== null ? [`  vs kubectl get … -A -o json at ${large.pods / 1000}k: ${large.ratio.toFixed(2)}× (kubectl ${(large.kubectlMs! / 1000).toFixed(1)} s, peak RSS ${mib(large.kubectlPeakRssMiB)})`] : []),
  ].join('\n')
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { pods: { type: 'string' }, workloads: { type: 'string' }, runs: { type: 'string' }, dist: { type: 'string' }, json: { type: 'boolean' }, scale: { type: 'boolean' }, kubectl: { type: 'boolean' } } })
  if (values.scale) {
    const s = await runScaleBench({ ...(values.dist ? { dist: resolve(values.dist) } : {}), kubectl: values.kubectl === true, ...(values.pods ? { large: Number(values.pods) } : {}) })
    console.log(values.json ? JSON.stringify(s, null, 2) : formatScaleBench(s))
    process.exit(0)
  }
  const b = await runLiveBench({
    ...(values.pods ? { pods: Number(values.pods) } : {}),
    ...(values.workloads ? { workloads: Number(values.workloads) } : {}),
    ...(values.runs ? { runs: Number(values.runs) } : {}),
    ...(values.dist ? { dist: resolve(values.dist) } : {}),
  })
  console.log(values.json ? JSON.stringify(b, null, 2) : formatLiveBench(b))
}
