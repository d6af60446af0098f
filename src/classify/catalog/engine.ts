// Turns a catalog entry's effect spec into the Rule the analysis runs, once, when the catalog
// loads: templates are compiled to closures over their params, so a call reads no spec and scans
// no table. The semantics are those documented on the spec types (catalog/types.ts).
import { flag, has, hasShort, positionals } from '../syntax/args.js'
import { destination, hostPort, isLocalUrl, portOf } from '../syntax/destinations.js'
import { type Effect, type Rule, type ToolContext, apiServer, connect, local, loopback, opaque, resolve, urlEffects } from './effect.js'
import { RULES, skipOptions } from './rules.js'
import type { EffectSpec, ValueFrom } from './types.js'

/**
 * Where a compiled spec is applied: the leading positional words a `subcommands` template matched, and
 * the flags of enclosing templates that take a value.
 */
interface At { sub: string[]; valued: string[] }
type Compiled = (args: string[], ctx: ToolContext, program: string, at: At) => Effect[]

/** The template names, for the test that every one is used by some entry. */
export const TEMPLATES = ['local', 'loopback', 'kube-api', 'dns', 'connect', 'run', 'script', 'opaque', 'subcommands', 'flags', 'value', 'all'] as const

/** Flags a spec reads values from: they take a value, so their values are not positionals. */
const valuedFlags = (...from: (ValueFrom | undefined)[]) => from.flatMap((v) => v?.flags ?? [])

/** The positionals after the subcommand words, skipping the values of every flag known to take one. */
const positionalsAt = (args: string[], at: At, own: string[]) => positionals(args, [...at.valued, ...own]).slice(at.sub.length)

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
const label = (program: string, at: At, what?: string) => [program, ...at.sub, what].filter(Boolean).join(' ')

/** A flag is present as a word, `--flag=value`, or a letter in a short cluster (`-lk` has `-l`). */
const present = (args: string[], names: string[]) => names.some((n) => has(args, n) || (/^-[A-Za-z]$/.test(n) && hasShort(args, n[1]!)))

/** A spec reading one value: the compiled function gets it (positionals counted after the subcommand words). */
function withValue(from: ValueFrom | undefined, then: (v: string | undefined, args: string[], ctx: ToolContext, program: string, at: At) => Effect[]): Compiled {
  const valued = valuedFlags(from)
  return (args, ctx, program, at) => then(valueOf(from, args, ctx, () => positionalsAt(args, at, valued)), args, ctx, program, at)
}

/** A dispatch on words (subcommands, a value): the case's key to its compiled spec. */
const compileCases = (cases: Record<string, EffectSpec>) => new Map(Object.entries(cases).map(([k, v]) => [k, compile(v)]))

function compile(spec: EffectSpec): Compiled {
  if ('rule' in spec) {
    const named = RULES[spec.rule]
    if (!named) throw new Error(`catalog: no rule named ${spec.rule}`)
    const rule = named(spec.params ?? {})
    return (args, ctx, program) => rule(args, ctx, program)
  }
  switch (spec.template) {
    case 'local': return (_args, _ctx, program) => local(program)
    case 'loopback': return (_args, _ctx, program, at) => [loopback(label(program, at, spec.what), spec.explains)]
    case 'opaque': return (_args, _ctx, program, at) => opaque(program, `runs ${label(program, at)}: ${spec.why}`)
    case 'kube-api': {
      const valued = valuedFlags(spec.server)
      return (args, ctx, program, at) => {
        const pos = () => positionalsAt(args, at, valued)
        return apiServer(valueOf(spec.server, args, ctx, pos), program, spec.what ?? label('', at, pos()[0]), spec.explains)
      }
    }
    case 'dns': return withValue(spec.host, (host, _args, _ctx, program, at) => resolve(host, label(program, at, spec.what)))
    case 'connect': {
      const valued = valuedFlags(spec.url, spec.address, spec.host, spec.port)
      return (args, ctx, program, at) => {
        const pos = () => positionalsAt(args, at, valued)
        const what = label(program, at, spec.what)
        const url = valueOf(spec.url, args, ctx, pos)
        if (url && isLocalUrl(url)) return local(program)
        const urls = url ? urlEffects(url, what, spec.explains) : []
        if (urls.length) return urls
        const port = portOf(valueOf(spec.port, args, ctx, pos))
        const address = valueOf(spec.address, args, ctx, pos)
        if (address) return address.split(',').map((a) => connect(hostPort(a.trim()) ?? destination(a.trim(), port), what, spec.explains))
        const host = valueOf(spec.host, args, ctx, pos)
        return [connect((host ? hostPort(host) : undefined) ?? destination(host, port), what, spec.explains)]
      }
    }
    case 'run': {
      const valued = spec.valued ?? []
      return (args, _ctx, program) => {
        const n = !spec.after ? skipOptions(args, valued, spec.skip) : args.includes('--') ? args.indexOf('--') + 1 : args.length
        return n < args.length ? [{ kind: 'run', words: args.slice(n) }] : local(program)
      }
    }
    case 'script':
      return withValue(spec.from, (path, _args, _ctx, program) => (path ? [{ kind: 'file', path, interpreter: spec.interpreter ?? 'sh' }] : local(program)))
    case 'subcommands': {
      const cases = compileCases(spec.cases)
      const longest = Math.max(0, ...[...cases.keys()].map((k) => k.split(' ').length))
      const fallback = compile(spec.default)
      const valued = spec.valued ?? []
      return (args, ctx, program, at) => {
        const inner = { sub: at.sub, valued: [...at.valued, ...valued] }
        const pos = positionalsAt(args, inner, [])
        for (let n = Math.min(longest, pos.length); n > 0; n--) {
          const hit = cases.get(pos.slice(0, n).join(' '))
          if (hit) return hit(args, ctx, program, { sub: [...at.sub, ...pos.slice(0, n)], valued: inner.valued })
        }
        return fallback(args, ctx, program, inner)
      }
    }
    case 'flags': {
      const cases = spec.cases.map((c) => ({ has: c.has ?? [], env: c.env ?? [], then: compile(c.then) }))
      const fallback = compile(spec.default)
      return (args, ctx, program, at) =>
        (cases.find((c) => present(args, c.has) || c.env.some((n) => !!ctx.env(n)))?.then ?? fallback)(args, ctx, program, at)
    }
    case 'value': {
      const cases = compileCases(spec.cases)
      const fallback = compile(spec.default)
      const valued = valuedFlags(spec.from)
      return withValue(spec.from, (v, args, ctx, program, at) =>
        ((v !== undefined ? cases.get(v) : undefined) ?? fallback)(args, ctx, program, { sub: at.sub, valued: [...at.valued, ...valued] }))
    }
    case 'all': {
      const parts = spec.of.map(compile)
      return (args, ctx, program, at) => parts.flatMap((p) => p(args, ctx, program, at))
    }
  }
}

/** The Rule of one entry's effect spec. */
export function compileEffect(spec: EffectSpec): Rule {
  const run = compile(spec)
  return (args, ctx, program) => run(args, ctx, program, { sub: [], valued: [] })
}
