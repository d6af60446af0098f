// Unified diffs of a change, with `kubectl diff`-style headers, coloured on a terminal.
import { createTwoFilesPatch } from 'diff'
import * as yaml from 'js-yaml'
import type { KObject } from '../model/k8s.js'
import { paint } from './streams.js'

/** `apps.v1.Deployment.shop.orders`, the name kubectl diff gives an object's file. */
function objectFileName(o: KObject): string {
  const [group, version] = (o.apiVersion ?? 'v1').includes('/') ? o.apiVersion!.split('/') : ['', o.apiVersion ?? 'v1']
  return [group, version, o.kind, o.metadata?.namespace ?? 'default', o.metadata?.name].filter(Boolean).join('.')
}

export function colourDiff(text: string, color: boolean): string {
  if (!color) return text
  const p = paint(true)
  return text.split('\n').map((l) => (l.startsWith('+') && !l.startsWith('+++') ? p('green', l) : l.startsWith('-') && !l.startsWith('---') ? p('red', l) : l.startsWith('@@') ? p('cyan', l) : l)).join('\n')
}

/** `a/path` and `b/path` headers, as git prints them. */
export const fileHeaders = (file: string) => [`a/${file.replace(/^\//, '')}`, `b/${file.replace(/^\//, '')}`] as const

export function unifiedDiff(before: string, after: string, from: string, to: string): string {
  if (before === after) return ''
  const patch = createTwoFilesPatch(from, to, before, after, undefined, undefined, { context: 3 })
  // Drop the `Index:`/`===` preamble: kubectl diff starts with the `diff -u -N` line.
  return `diff -u -N ${from} ${to}\n${patch.replace(/^(Index:.*\n)?=+\n/, '')}`
}

/** Diff of an object before and after, as YAML, named like kubectl diff's LIVE/MERGED files. */
export function objectDiff(before: KObject, after: KObject): string {
  const name = objectFileName(before)
  const dump = (o: KObject) => yaml.dump(o, { noRefs: true, lineWidth: -1 })
  return unifiedDiff(dump(before), dump(after), `LIVE/${name}`, `MERGED/${name}`)
}
