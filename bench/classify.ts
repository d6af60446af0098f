// Offline classification of 10,000 workloads from one file: parse and classify timed apart,
// reported as ratios to the 1 s budget (issue #3) so the numbers mean the same on any machine.
import { mkdtempSync, writeFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { readFiles } from '../src/cluster/files.js'
import { classify } from '../src/classify/index.js'

/** Realistic init containers in rotation: wait loops, migrations, downloads, local setup, opaque. */
const INITS = [
  `{name: wait-for-db, image: busybox:1.36, command: [sh, -c, 'until nc -z postgres-{i} 5432; do echo waiting; sleep 2; done']}`,
  `{name: migrate, image: flyway/flyway:10, args: ['-url=jdbc:postgresql://pg-{i}:5432/app', migrate], securityContext: {runAsUser: 1337}}`,
  `{name: perms, image: bitnami/os-shell, command: [sh, -c, 'mkdir -p /data && chown -R 1001:1001 /data']}`,
  `{name: fetch, image: curlimages/curl:8.5.0, args: [-sfo, /data/x.json, 'https://api.example.com/v1/{i}']}`,
  `{name: wait-api, image: groundnuty/k8s-wait-for:v2.0, args: [job, 'migrate-{i}']}`,
  `{name: prepare, image: 'acme/app:{i}', command: [/app/bin/prepare], env: [{name: DATABASE_URL, value: 'postgres://db-{i}:5432/app'}]}`,
  `{name: dns, image: busybox, command: [sh, -c, 'until nslookup svc-{i}; do sleep 1; done']}`,
]

export function generateManifests(n: number): string {
  const docs: string[] = []
  for (let i = 0; i < n; i++) {
    const init = INITS[i % INITS.length]!.replaceAll('{i}', String(i))
    const extra = i % 3 === 0 ? `\n      - ${INITS[(i + 2) % INITS.length]!.replaceAll('{i}', String(i)).replace(/name: (\S+?),/, 'name: $1-2,')}` : ''
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: ns-${i % 50}
  labels: {app: app-${i}}
spec:
  replicas: 2
  selector:
    matchLabels: {app: app-${i}}
  template:
    metadata:
      labels: {app: app-${i}}
      annotations: {prometheus.io/scrape: "true"}
    spec:
      initContainers:
      - ${init}${extra}
      containers:
      - name: app
        image: acme/app-${i}:1.0
        ports: [{containerPort: 8080}]
        env: [{name: MODE, value: production}]
`)
  }
  return docs.join('---\n')
}

export interface ClassifyBench { workloads: number; bytes: number; parseSeconds: number; classifySeconds: number; totalSeconds: number }

export function runClassifyBench(n = 10000): ClassifyBench {
  const file = join(mkdtempSync(join(tmpdir(), 'istiocni-bench-')), 'workloads.yaml')
  writeFileSync(file, generateManifests(n))
  // One warm-up on a small slice, so JIT start-up is not billed to the measured run.
  classify({ ...readFiles([file]), flags: {} })
  const t0 = performance.now()
  const read = readFiles([file])
  const t1 = performance.now()
  const { result } = classify({ objects: read.objects, errors: read.errors, flags: {} })
  const t2 = performance.now()
  if (result.workloads.length !== n) throw new Error(`expected ${n} workloads, got ${result.workloads.length}`)
  return { workloads: n, bytes: statSync(file).size, parseSeconds: (t1 - t0) / 1000, classifySeconds: (t2 - t1) / 1000, totalSeconds: (t2 - t0) / 1000 }
}
