// Turns a catalog entry's effect spec into the Rule the analysis runs, once, when the catalog
// loads: templates are compiled to closures over their params, so a call reads no spec and scans
// no table. The semantics are those documented on the spec types (catalog/types.ts).
import { flag, has, hasShort, positionals } from '../args.js'
import { destination, hostPort, portOf } from '../destinations.js'
import { type Effect, type Rule, type ToolContext, apiServer, connect, local, opaque, resolve, urlEffects } from './effect.js'
import { RULES, skipOptions } from './rules.js'
import type { EffectSpec, ValueFrom } from './types.js'

/** A compiled spec; `sub` holds the leading positional words a `subcommands` template matched. */
type Compiled = (args: string[], ctx: ToolContext, program: string, sub: string[]) => Effect[]

/** The template names, for the test that every one is used by some entry. */
export const TEMPLATES = ['local', 'loopback', 'kube-api', 'dns', 'connect', 'run', 'opaque', 'subcommands', 'flags', 'all'] as const

/** Flags a spec reads values from: they take a value, so their values are not positionals. */
const valuedFlags = (...from: (ValueFrom | undefined)[]) => from.flatMap((v) => v?.flags ?? [])

/** A value, tried as documented on ValueFrom: flags, then env, then a positional, then the default. */
function valueOf(from: ValueFrom | undefined, args: string[], ctx: ToolContext, pos: () => string[]): string | undefined {
  if (!from) return undefined
  const fromFlag = from.flags ? flag(args, from.flags) : undefined
  if (fromFlag !== undefined) return fromFlag
  for (const name of from.env ?? []) { const v = ctx.env(name); if (v !== undefined) return v }
  const fromPos = from.positional !== undefined ? pos()[from.positional] : undefined
  return fromPos ?? from.default
}

/** `what` of an effect: the program, the subcommand words it matched, the spec's own words. */
const label = (program: string, sub: string[], what?: string) => [program, ...sub, what].filter(Boolean).join(' ')

/** A flag is present as a word, `--flag=value`, or a letter in a short cluster (`-lk` has `-l`). */
const present = (args: string[], names: string[]) => names.some((n) => has(args, n) || (/^-[A-Za-z]$/.test(n) && hasShort(args, n[1]!)))

function compile(spec: EffectSpec): Compiled {
  if ('rule' in spec) {
    const named = RULES[spec.rule]
    if (!named) throw new Error(`catalog: no rule named ${spec.rule}`)
    const rule = named(spec.params ?? {})
    return (args, ctx, program) => rule(args, ctx, program)
  }
  switch (spec.template) {
    case 'local': return (_args, _ctx, program) => local(program)
    case 'loopback': return (_args, _ctx, program, sub) => [{ kind: 'loopback', what: label(program, sub, spec.what) }]
    case 'opaque': return (_args, _ctx, program, sub) => opaque(program, `runs ${label(program, sub)}: ${spec.why}`)
    case 'kube-api': {
      const valued = valuedFlags(spec.server)
      return (args, ctx, program, sub) => {
        const pos = () => positionals(args, valued).slice(sub.length)
        return apiServer(valueOf(spec.server, args, ctx, pos), program, spec.what ?? label('', sub, pos()[0]))
      }
    }
    case 'dns': {
      const valued = valuedFlags(spec.host)
      return (args, ctx, program, sub) => {
        const pos = () => positionals(args, valued).slice(sub.length)
        return resolve(valueOf(spec.host, args, ctx, pos), label(program, sub, spec.what))
      }
    }
    case 'connect': {
      const valued = valuedFlags(spec.url, spec.address, spec.host, spec.port)
      return (args, ctx, program, sub) => {
        const pos = () => positionals(args, valued).slice(sub.length)
        const what = label(program, sub, spec.what)
        const url = valueOf(spec.url, args, ctx, pos)
        const urls = url ? urlEffects(url, what) : []
        if (urls.length) return urls
        const port = portOf(valueOf(spec.port, args, ctx, pos))
        const address = valueOf(spec.address, args, ctx, pos)
        if (address) return address.split(',').map((a) => connect(hostPort(a.trim()) ?? destination(a.trim(), port), what))
        const host = valueOf(spec.host, args, ctx, pos)
        return [connect((host ? hostPort(host) : undefined) ?? destination(host, port), what)]
      }
    }
    case 'run': {
      const valued = spec.valued ?? []
      return (args, _ctx, program) => {
        const n = skipOptions(args, valued, spec.skip)
        return n < args.length ? [{ kind: 'run', words: args.slice(n) }] : local(program)
      }
    }
    case 'subcommands': {
      const cases = new Map(Object.entries(spec.cases).map(([k, v]) => [k, compile(v)]))
      const longest = Math.max(0, ...[...cases.keys()].map((k) => k.split(' ').length))
      const fallback = compile(spec.default)
      const valued = spec.valued ?? []
      return (args, ctx, program, sub) => {
        const pos = positionals(args, valued).slice(sub.length)
        for (let n = Math.min(longest, pos.length); n > 0; n--) {
          const hit = cases.get(pos.slice(0, n).join(' '))
          if (hit) return hit(args, ctx, program, [...sub, ...pos.slice(0, n)])
        }
        return fallback(args, ctx, program, sub)
      }
    }
    case 'flags': {
      const cases = spec.cases.map((c) => ({ has: c.has, then: compile(c.then) }))
      const fallback = compile(spec.default)
      return (args, ctx, program, sub) => (cases.find((c) => present(args, c.has))?.then ?? fallback)(args, ctx, program, sub)
    }
    case 'all': {
      const parts = spec.of.map(compile)
      return (args, ctx, program, sub) => parts.flatMap((p) => p(args, ctx, program, sub))
    }
  }
}

/** The Rule of one entry's effect spec. */
export function compileEffect(spec: EffectSpec): Rule {
  const run = compile(spec)
  return (args, ctx, program) => run(args, ctx, program, [])
}
