// The -o formats: one map from a format's name to the renderer that writes it (kube-linter's
// formatters, kubectl's printers). Every command offers json and yaml of exactly its data and adds
// its own human formats; the allowed names (-o choices, help text) are the map's keys.
import { renderJson, renderYaml, writeJson, writeYaml } from './data.js'
import type { Streams } from './streams.js'

type Out = Pick<Streams, 'out' | 'color'>

/** Writes `value` in one format; `ctx` is what the command's own formats need beyond the value. */
export type Format<T, C = undefined> = (value: T, streams: Out, ctx: C) => void

/** json and yaml: the data as is; large results are written in batches (render/data.ts). */
const DATA = {
  json: (value: object, s: Out) => (Array.isArray(value) ? s.out.write(renderJson(value)) : writeJson(value, (x) => s.out.write(x))),
  yaml: (value: object, s: Out) => (Array.isArray(value) ? s.out.write(renderYaml(value)) : writeYaml(value, (x) => s.out.write(x))),
}

/** A command's formats: its own, then json and yaml. */
export const formats = <T extends object, C = undefined, K extends string = never>(own: Record<K, Format<T, C>>) =>
  ({ ...own, ...DATA }) as Record<K | keyof typeof DATA, Format<T, C>>
