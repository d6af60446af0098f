// `--debug` (issue #14): an internal error's stack names the TypeScript sources. Frames of the
// bundle (`<dir>/kubectl-istiocni.app.js:LINE:COL`, compiled by the launcher of scripts/build.mjs)
// are looked up in the source map shipped beside it (`<dir>/kubectl-istiocni.map`); read only
// here, after an error under --debug, so a normal start never pays for it. Under tsx the frames
// already name src/*.ts and match nothing here.
import { readFileSync } from 'node:fs'
import { SourceMap } from 'node:module'

const FRAME = /([^\s(]+)\.app\.js:(\d+):(\d+)/g

/** `stack` with every frame of the bundle replaced by `src/…ts:LINE:COL` (frames the map does not cover stay). */
export function mapStack(stack: string): string {
  const maps = new Map<string, SourceMap | undefined>()
  const load = (base: string) => {
    try { return new SourceMap(JSON.parse(readFileSync(`${base}.map`, 'utf8'))) } catch { return undefined }
  }
  return stack.replace(FRAME, (frame, base: string, line: string, column: string) => {
    if (!maps.has(base)) maps.set(base, load(base))
    // The launcher puts its function header on the script's first line, before the bundle's text.
    const at = maps.get(base)?.findEntry(Number(line) - 2, Number(column) - 1)
    if (!at || !('originalSource' in at)) return frame
    return `${at.originalSource.replace(/^(\.\.\/)+/, '')}:${at.originalLine + 1}:${at.originalColumn + 1}`
  })
}
