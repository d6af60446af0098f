// Loads the behavioural corpus: test/corpus/NNN-slug.yaml with NNN-slug.expected.yaml beside it.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import * as yaml from 'js-yaml'
import type { MeshFlags } from '../../src/model/input.js'

export const CORPUS = join(import.meta.dirname, '..', 'corpus')

export interface ExpectedContainer { name: string; network: string; exempt: string | null }
export interface ExpectedWorkload { workload: string; verdict: string; initContainers?: ExpectedContainer[]; why?: string }
export interface Case { name: string; file: string; flags: string[]; workloads: ExpectedWorkload[] }

/** The cases of a corpus-format folder (the project's own, or a held-out set being measured). */
export function loadCorpus(dir = CORPUS): Case[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.expected.yaml'))
    .sort()
    .map((f) => {
      const spec = yaml.load(readFileSync(join(dir, f), 'utf8')) as { flags?: string[]; workloads: ExpectedWorkload[] }
      const name = f.replace(/\.expected\.yaml$/, '')
      return { name, file: join(dir, `${name}.yaml`), flags: spec.flags ?? [], workloads: spec.workloads }
    })
}

/** The mesh flags a case runs with (`--dns-capture`, `--proxy-uid N`, …). */
export function flagsOf(args: string[]): MeshFlags {
  const f: MeshFlags = {}
  for (let i = 0; i < args.length; i++) {
    const [name, inline] = args[i]!.split('=') as [string, string | undefined]
    const value = () => Number(inline ?? args[++i])
    if (name === '--dns-capture') f.dnsCapture = inline !== 'false'
    else if (name === '--native-sidecars') f.nativeSidecars = inline !== 'false'
    else if (name === '--proxy-uid') f.proxyUid = value()
    else if (name === '--proxy-gid') f.proxyGid = value()
    else throw new Error(`unknown corpus flag ${name}`)
  }
  return f
}
