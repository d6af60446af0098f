// Loads the behavioural corpus: test/corpus/NNN-slug.yaml with NNN-slug.expected.yaml beside it.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import * as yaml from 'js-yaml'

export const CORPUS = join(import.meta.dirname, '..', 'corpus')

export interface ExpectedContainer { name: string; network: string; exempt: string | null }
export interface ExpectedWorkload { workload: string; verdict: string; initContainers?: ExpectedContainer[]; why?: string }
export interface Case { name: string; file: string; flags: string[]; workloads: ExpectedWorkload[] }

export function loadCorpus(): Case[] {
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith('.expected.yaml'))
    .sort()
    .map((f) => {
      const spec = yaml.load(readFileSync(join(CORPUS, f), 'utf8')) as { flags?: string[]; workloads: ExpectedWorkload[] }
      const name = f.replace(/\.expected\.yaml$/, '')
      return { name, file: join(CORPUS, `${name}.yaml`), flags: spec.flags ?? [], workloads: spec.workloads }
    })
}
