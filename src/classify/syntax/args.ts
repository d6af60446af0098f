// Command-line option helpers shared by the tool rules.

/** Value of the first of `names` in `args`: `-h x`, `-hx`, `--host x`, `--host=x`, and Go's `-addr=x`. */
export function flag(args: string[], names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    for (const n of names) {
      if (a === n) return args[i + 1]
      if (n.length > 2 && a.startsWith(`${n}=`)) return a.slice(n.length + 1)
      if (!n.startsWith('--') && n.length === 2 && a.startsWith(n) && a.length > 2 && !a.startsWith('--')) return a.slice(2).replace(/^=/, '')
    }
  }
  return undefined
}

export const has = (args: string[], ...names: string[]) => args.some((a) => names.includes(a) || names.some((n) => n.startsWith('--') && a.startsWith(`${n}=`)))

/** Short-option clusters containing a letter, e.g. `-zu` for `-u`. */
export const hasShort = (args: string[], letter: string) => args.some((a) => /^-[A-Za-z]+$/.test(a) && a.includes(letter))

/**
 * Positional arguments: not options, not option values. `valued` lists options that take a
 * value (`-o`, `--output`); in a short cluster like `-qO` a valued letter takes the next word.
 */
export function positionals(args: string[], valued: string[] = []): string[] {
  const out: string[] = []
  const set = new Set(valued)
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === '--') { out.push(...args.slice(i + 1)); break }
    if (a.startsWith('--')) { if (!a.includes('=') && set.has(a)) i++; continue }
    if (a.startsWith('-') && a.length > 1) {
      if (set.has(a)) { i++; continue }
      const letters = a.slice(1)
      const at = [...letters].findIndex((l) => set.has(`-${l}`))
      if (at >= 0 && at === letters.length - 1) i++
      continue
    }
    out.push(a)
  }
  return out
}

/** The words after the first `--`, if any. */
export function afterDashDash(args: string[]): string[] | undefined {
  const i = args.indexOf('--')
  return i >= 0 ? args.slice(i + 1) : undefined
}
