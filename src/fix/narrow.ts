// The few lines of a YAML document that hold a path, so that `yaml` (whose ranges the splices use)
// parses them and not the whole document: its parse of a workload costs more than judging it
// (issue #14). js-yaml's event stream (what the reader parsed the objects with; offsets, no
// nodes) finds them: block collections end where a line starts, so an entry of one is whole lines.
import { COLLECTION_STYLE_BLOCK, EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE_DOUBLE_QUOTED, SCALAR_STYLE_PLAIN, SCALAR_STYLE_SINGLE_QUOTED, type Event } from 'js-yaml'

type Key = string | number

// Read once: in the bundle, every read of a js-yaml export is a getter call (skip() reads them per event).
const { DOCUMENT, MAPPING, SEQUENCE, SCALAR, POP } = EVENT_ID
const [BLOCK, PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED] = [COLLECTION_STYLE_BLOCK, SCALAR_STYLE_PLAIN, SCALAR_STYLE_SINGLE_QUOTED, SCALAR_STYLE_DOUBLE_QUOTED]

/**
 * `text` parses, at offset `start` of the document, to the node whose entry holds the path; its
 * own path from there is `path`. The first line's indentation, and any `- ` before a key, are
 * spaces: same columns, so the same ranges.
 */
interface Narrowed { start: number; text: string; path: Key[] }

const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1
const BEFORE_KEY = /^ *(?:- +)*$/
const BEFORE_ITEM = /^ *- +$/

/** Where a node starts: its anchor or tag, else its value (a quoted scalar's opening quote). */
function startOf(e: Event): number {
  if (e.type !== SCALAR && e.type !== MAPPING && e.type !== SEQUENCE) return Infinity
  const value = e.type === SCALAR ? (e.style === SINGLE_QUOTED || e.style === DOUBLE_QUOTED ? e.valueStart - 1 : e.valueStart) : e.start
  // An empty scalar has no offset at all: Infinity, which no entry's lines can end at.
  return Math.min(...[e.anchorStart, e.tagStart, value].filter((x) => x >= 0))
}

/** Index of the event after the node that starts at `i`. */
function skip(events: Event[], i: number): number {
  let depth = 0
  do {
    const t = events[i++]!.type
    if (t === MAPPING || t === SEQUENCE) depth++
    else if (t === POP) depth--
  } while (depth > 0)
  return i
}

/** No anchor, no tag: what `yaml` sees there is what js-yaml sees. */
const plain = (e: { anchorStart: number; tagStart: number }) => e.anchorStart < 0 && e.tagStart < 0
const isKey = (text: string, e: Event, k: string) => e.type === SCALAR && plain(e) && e.valueStart >= 0 && (e.style === PLAIN ? text.slice(e.valueStart, e.valueEnd) : getScalarValue(text, e)) === k

/** The events of a document, undefined unless js-yaml reads it as one document. */
export function documentEvents(text: string): Event[] | undefined {
  let events: Event[]
  try { events = parseEvents(text, {}) } catch { return undefined }
  return events.some((e, n) => n > 0 && e.type === DOCUMENT) ? undefined : events
}

/**
 * The smallest entry of a block collection that holds `path` (or the block map it is missing
 * from), walking block collections only; undefined when the document gives none smaller than itself.
 */
export function narrow(text: string, events: Event[], path: Key[]): Narrowed | undefined {
  let found: Narrowed | undefined
  let i = 1
  let end = text.length
  for (let j = 0; j < path.length; j++) {
    const node = events[i]
    if (!node || (node.type !== MAPPING && node.type !== SEQUENCE) || node.style !== BLOCK || !plain(node)) break
    const k = path[j]!
    // The entry that holds the path: its first event, the event after it, what its lines leave as they are.
    let at = i + 1
    if (node.type === MAPPING) {
      if (typeof k !== 'string') break
      while (events[at]!.type !== POP && !isKey(text, events[at]!, k)) at = skip(events, skip(events, at))
      if (events[at]!.type === POP) {
        // Missing: the whole map, where the splice adds it.
        const start = startOf(node)
        const before = text.slice(lineStart(text, start), start)
        if (BEFORE_KEY.test(before)) found = { start: start - before.length, text: ' '.repeat(before.length) + text.slice(start, end), path: path.slice(j) }
        break
      }
    } else {
      if (typeof k !== 'number') break
      for (let n = 0; n < k && events[at]!.type !== POP; n++) at = skip(events, at)
      if (events[at]!.type === POP) break
    }
    const value = node.type === MAPPING ? skip(events, at) : at
    const next = skip(events, value)
    const start = startOf(events[at]!)
    const following = events[next]!.type === POP ? end : startOf(events[next]!)
    if (!Number.isFinite(start) || !Number.isFinite(following)) break
    const from = lineStart(text, start)
    const to = following === end ? end : lineStart(text, following)
    const before = text.slice(from, start)
    if (to <= from) break
    if (node.type === MAPPING) {
      if (!BEFORE_KEY.test(before)) break
      found = { start: from, text: ' '.repeat(before.length) + text.slice(start, to), path: path.slice(j) }
    } else {
      if (!BEFORE_ITEM.test(before)) break
      found = { start: from, text: text.slice(from, to), path: [0, ...path.slice(j + 1)] }
    }
    i = value
    end = to
  }
  return found
}
