// `-k DIR` (issue #14): the kustomization rendered by the real `kubectl kustomize`, as kubectl's
// own -k does, then read like any manifest stream. Nothing is reimplemented: no kubectl, no -k.
import { spawnSync } from 'node:child_process'
import type { InputError, Sourced } from '../model/input.js'
import { parseManifests } from './files.js'

export class KustomizeUnavailable extends Error {}

/** The objects `kubectl kustomize dir` renders; a failed render is one input error naming the directory. */
export function readKustomization(dir: string): { objects: Sourced[]; errors: InputError[] } {
  const r = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  if (r.error) {
    const missing = (r.error as NodeJS.ErrnoException).code === 'ENOENT'
    throw new KustomizeUnavailable(missing ? `-k ${dir} renders with kubectl kustomize, and kubectl is not on PATH: install kubectl, or render it yourself: kustomize build ${dir} | kubectl istiocni check -f -` : `-k ${dir}: kubectl kustomize failed: ${r.error.message}`)
  }
  const errors: InputError[] = []
  if (r.status !== 0) {
    const why = (r.stderr ?? '').trim().split('\n')[0]?.replace(/^error: /, '') || `kubectl kustomize exited ${r.status}`
    return { objects: [], errors: [{ source: dir, message: `kustomize: ${why}` }] }
  }
  return { objects: parseManifests(r.stdout, `${dir} (kustomize)`, errors), errors }
}
