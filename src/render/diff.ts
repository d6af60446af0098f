// Unified diffs of a change, with `kubectl diff`-style headers, coloured on a terminal.
import { formatPatch, structuredPatch, type StructuredPatchHunk } from 'diff'
import * as yaml from 'js-yaml'
import type { KObject } from '../model/k8s.js'
import { paint } from './streams.js'
import type { Piece } from '../fix/files.js'
import type { Progress } from '../model/input.js'

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

export const unifiedDiff = (before: string, after: string, from: string, to: string): string => piecewiseDiff([{ before, after }], from, to)

const CONTEXT = 3

function lineCount(s: string): number {
  let n = 0
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++
  return n
}

/** The last `n` lines of the unchanged pieces before `end` (a piece ends at a line start). */
function linesBefore(pieces: readonly Piece[], end: number, n: number): string {
  let text = ''
  for (let i = end - 1; i >= 0 && lineCount(text) < n; i--) text = pieces[i]!.before + text
  let p = text.length - 1
  for (let k = 0; k < n && p >= 0; k++) p = text.lastIndexOf('\n', p - 1)
  return text.slice(p + 1)
}

/** The first `n` lines of the unchanged pieces from `start`. */
function linesFrom(pieces: readonly Piece[], start: number, n: number): string {
  let text = ''
  for (let i = start; i < pieces.length && lineCount(text) < n; i++) text += pieces[i]!.before
  let p = -1
  for (let k = 0; k < n; k++) {
    p = text.indexOf('\n', p + 1)
    if (p < 0) return text
  }
  return text.slice(0, p + 1)
}

/**
 * The unified diff of a text changed piece by piece (fix rewrites a few documents of a file): each
 * run of changed pieces is diffed with the lines around it, so the cost follows the changes (a
 * diff of the whole text costs its length times its changes: 38 s for `fix` on 10,000 workloads,
 * issue #14). The hunks are the whole text's: runs that fewer than 2 × CONTEXT + 1 unchanged lines
 * apart could share a hunk are diffed together. `progress` is told as the pieces are gone through.
 */
export function piecewiseDiff(pieces: readonly Piece[], from: string, to: string, progress?: Progress): string {
  const hunks: StructuredPatchHunk[] = []
  const changed = (i: number) => pieces[i]!.before !== pieces[i]!.after
  let oldLine = 0
  let newLine = 0
  const total = progress ? pieces.filter((_, i) => changed(i)).length : 0
  let done = 0
  for (let i = 0; i < pieces.length;) {
    if (!changed(i)) {
      const n = lineCount(pieces[i]!.before)
      oldLine += n
      newLine += n
      i++
      continue
    }
    // The run: pieces i..j-1, extended over short unchanged gaps.
    let j = i + 1
    for (;;) {
      let k = j
      let gap = 0
      while (k < pieces.length && !changed(k) && gap <= 2 * CONTEXT) gap += lineCount(pieces[k++]!.before)
      if (k < pieces.length && changed(k) && gap <= 2 * CONTEXT) j = k + 1
      else break
    }
    progress?.(() => `Diffing ${to.replace(/^b\//, '')}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} changed documents`)
    for (let k = i; k < j; k++) if (changed(k)) done++
    const head = linesBefore(pieces, i, CONTEXT)
    const tail = linesFrom(pieces, j, CONTEXT)
    const run = pieces.slice(i, j)
    const before = run.map((p) => p.before).join('')
    const after = run.map((p) => p.after).join('')
    const skipped = lineCount(head)
    for (const h of structuredPatch(from, to, head + before + tail, head + after + tail, undefined, undefined, { context: CONTEXT }).hunks) {
      hunks.push({ ...h, oldStart: h.oldStart + oldLine - skipped, newStart: h.newStart + newLine - skipped })
    }
    oldLine += lineCount(before)
    newLine += lineCount(after)
    i = j
  }
  if (!hunks.length) return ''
  const patch = formatPatch({ oldFileName: from, newFileName: to, oldHeader: undefined, newHeader: undefined, hunks })
  // Drop the `Index:`/`===` preamble: kubectl diff starts with the `diff -u -N` line.
  return `diff -u -N ${from} ${to}\n${patch.replace(/^(Index:.*\n)?=+\n/, '')}`
}

/** Diff of an object before and after, as YAML, named like kubectl diff's LIVE/MERGED files. */
export function objectDiff(before: KObject, after: KObject): string {
  const name = objectFileName(before)
  const dump = (o: KObject) => yaml.dump(o, { noRefs: true, lineWidth: -1 })
  return unifiedDiff(dump(before), dump(after), `LIVE/${name}`, `MERGED/${name}`)
}
