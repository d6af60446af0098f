// Durations as kubectl spells them (`--timeout 5m`, `--poll-interval 2s`): Go duration syntax.

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** `500ms`, `30s`, `1m30s`, or a bare integer of seconds. Undefined when the text is not a duration. */
export function parseDuration(value: string): number | undefined {
  const v = value.trim()
  if (/^\d+$/.test(v)) return Number(v) * 1000
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy
  let total = 0
  let end = 0
  for (let m = re.exec(v); m; m = re.exec(v)) {
    total += Number(m[1]) * UNITS[m[2]!]!
    end = re.lastIndex
  }
  return end === v.length && end > 0 ? Math.round(total) : undefined
}

/** `850ms`, `12s`, `1m5s`, `2h0m`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m${s % 60}s`
  return `${Math.floor(m / 60)}h${m % 60}m`
}
