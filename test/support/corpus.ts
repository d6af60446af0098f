// Loads the behavioural corpus: test/corpus/NNN-slug.yaml with NNN-slug.expected.yaml beside it.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import * as yaml from 'js-yaml'
import yargs from 'yargs'
import type { MeshFlags } from '../../src/model/input.js'
import { type InputArgs, inputOptions, meshFlags } from '../../src/commands/common.js'

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

/** The mesh flags a case runs with (`--dns-capture`, `--proxy-uid N`, …), read by the commands' own parser. */
export function flagsOf(args: string[]): MeshFlags {
  const parsed = inputOptions(yargs(args)).strict().fail((msg) => { throw new Error(`corpus flags ${args.join(' ')}: ${msg}`) }).parseSync()
  return meshFlags(parsed as InputArgs)
}
