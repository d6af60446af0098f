// A small POSIX-shell reader: enough of the grammar to find every simple command in an init
// container's script (loops, conditions, functions, substitutions, redirections), with variables
// expanded where their values are known. It never throws: odd scripts degrade to fewer commands.

interface Redirect { op: string; target: string }

interface SimpleCommand {
  words: string[]
  redirects: Redirect[]
  /** The command's source text, for evidence. */
  text: string
  /** `cmd || true` (`|| :`, `|| exit 0`, `|| echo …`): a failure of it does not fail the script. */
  failureIgnored?: true
}

/** What after `||` makes the failure before it harmless. */
const SUCCEEDS = (words: string[]) => ['true', ':', 'echo', 'printf', '/bin/true'].includes(words[0] ?? '') || (words[0] === 'exit' && (words[1] ?? '0') === '0')

/** Value of a variable, or undefined when unknown. */
type Lookup = (name: string) => string | undefined

/** Placeholder for a value the spec does not give: `⟨NAME⟩`. */
export const unknown = (name: string) => `⟨${name}⟩`
// ⟨ and ⟩ as escapes: a non-ASCII character in a regex literal survives minifying, and makes the
// whole launcher a two-byte string for V8 (≈ 30 ms a start; scripts/build.mjs refuses it).
export const UNKNOWN_RE = /\u27E8[^\u27E9]*\u27E9/

/** Lookup key for the pod's namespace (not a valid variable name, so it never collides). */
export const NAMESPACE = '.namespace'

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'time', 'in'])
const OPS = ['&&', '||', ';;', '>>', '<<<', '<<', '<>', '>&', '&>', '<&', '>|', ';', '|', '&', '(', ')', '<', '>', '\n']
const REDIRECT_OPS = new Set(['>>', '<<<', '<<', '<>', '>&', '&>', '<&', '>|', '<', '>'])

interface Tok { op?: string; word?: string; start: number; end: number }

class Reader {
  private i = 0
  private readonly pending: Tok[] = []
  /** The last word was `=~`: the next one is a regex. */
  private regexNext = false
  /** While a function body is skipped, its substitutions must not run. */
  capturing = false
  constructor(private readonly s: string, private readonly vars: Map<string, string>, private readonly lookup: Lookup, private readonly nestedRun: (text: string) => void) {}

  private nested(text: string): void {
    if (!this.capturing) this.nestedRun(text)
  }

  get text(): string { return this.s }

  private value(name: string, fallback?: string): string {
    const v = this.vars.get(name) ?? this.lookup(name)
    return v ?? fallback ?? unknown(name)
  }

  /** `$…` at this.i (the `$` already consumed is at i-1). */
  private dollar(): string {
    const s = this.s
    if (s.startsWith('((', this.i)) { this.i = this.matching(this.i + 1, '(', ')') + 1; this.i = Math.min(this.i + 1, s.length); return unknown('arith') }
    if (s[this.i] === '(') {
      const end = this.matching(this.i, '(', ')')
      const inner = s.slice(this.i + 1, end)
      this.i = end + 1
      const known = this.substitution(inner)
      if (known !== undefined) return known
      this.nested(inner)
      return unknown('$(…)')
    }
    if (s[this.i] === '{') {
      const end = s.indexOf('}', this.i)
      const body = s.slice(this.i + 1, end < 0 ? s.length : end)
      this.i = end < 0 ? s.length : end + 1
      const m = /^#?([A-Za-z_]\w*|\d+|[@*#?$!])(?:\[([^\]]*)\])?(?::?[-=+?](.*))?/.exec(body)
      if (!m) return unknown(body)
      const name = m[1]!
      // `${arr[@]}`, `${arr[0]}`: arrays are kept as their items joined by spaces.
      if (m[2] !== undefined && m[2] !== '@' && m[2] !== '*') { const items = (this.vars.get(name) ?? this.lookup(name))?.split(' '); return items?.[Number(m[2])] ?? unknown(name) }
      const dflt = m[3] !== undefined && /^(\[[^\]]*\])?:?[-=]/.test(body.slice(m[1]!.length + (body.startsWith('#') ? 1 : 0))) ? m[3] : undefined
      // A positional parameter's default is often a sentinel (`${1:-?missing host}`): unknown instead.
      return this.value(name, dflt && !dflt.includes('$') && !/^\d+$/.test(name) ? dflt : undefined)
    }
    const m = /^([A-Za-z_]\w*|\d|[@*#?$!-])/.exec(s.slice(this.i, this.i + 64))
    if (!m) return '$'
    this.i += m[1]!.length
    return this.value(m[1]!)
  }

  /**
   * Output of the few substitutions charts use to build addresses: the pod's namespace from the
   * service account, and `echo "$X" | cut -f N -d C`. Undefined for anything else.
   */
  private substitution(inner: string): string | undefined {
    const t = inner.trim()
    if (/^cat\s+\/(var\/)?run\/secrets\/kubernetes\.io\/serviceaccount\/namespace$/.test(t)) return this.lookup(NAMESPACE)
    const m = /^echo\s+"?\$\{?(\w+)\}?"?\s*\|\s*cut\s+(?:-d\s*['"]?(.)['"]?\s+-f\s*(\d+)|-f\s*(\d+)\s+-d\s*['"]?(.)['"]?)$/.exec(t)
    if (!m) return undefined
    const value = this.vars.get(m[1]!) ?? this.lookup(m[1]!)
    if (value === undefined || UNKNOWN_RE.test(value)) return undefined
    return value.split(m[2] ?? m[5]!)[Number(m[3] ?? m[4]) - 1] ?? ''
  }

  /** Index of the bracket closing the one at `from`, skipping quotes; end of text if none. */
  private matching(from: number, open: string, close: string): number {
    let depth = 0
    for (let j = from; j < this.s.length; j++) {
      const c = this.s[j]
      if (c === '\\') { j++; continue }
      if (c === "'") { const k = this.s.indexOf("'", j + 1); j = k < 0 ? this.s.length : k; continue }
      if (c === open) depth++
      else if (c === close && --depth === 0) return j
    }
    return this.s.length
  }

  private heredocs: { delim: string; strip: boolean }[] = []

  private skipHeredocs(): void {
    for (const h of this.heredocs) {
      while (this.i < this.s.length) {
        const nl = this.s.indexOf('\n', this.i)
        const line = this.s.slice(this.i, nl < 0 ? this.s.length : nl)
        this.i = nl < 0 ? this.s.length : nl + 1
        if ((h.strip ? line.replace(/^\t+/, '') : line) === h.delim) break
      }
    }
    this.heredocs = []
  }

  /** The next token, lexed only when asked for, so assignments made so far are expanded. */
  next(): Tok | undefined {
    while (!this.pending.length && this.i < this.s.length) this.lex()
    return this.pending.shift()
  }

  peek(): Tok | undefined {
    while (!this.pending.length && this.i < this.s.length) this.lex()
    return this.pending[0]
  }

  private lex(): void {
    const s = this.s
    {
      const c = s[this.i]!
      if (c === ' ' || c === '\t' || c === '\r') { this.i++; return }
      if (c === '\\' && s[this.i + 1] === '\n') { this.i += 2; return }
      if (c === '#') { while (this.i < s.length && s[this.i] !== '\n') this.i++; return }
      // `(( i++ ))`: arithmetic, no command.
      if (s.startsWith('((', this.i)) { this.i = Math.min(this.matching(this.i + 1, '(', ')') + 2, s.length); return }
      if (this.regexNext) { this.regexNext = false; this.pending.push(this.regex()); return }
      const op = OPS.find((o) => s.startsWith(o, this.i))
      if (op) {
        const start = this.i
        this.i += op.length
        if (op === '<<') {
          const strip = s[this.i] === '-'
          if (strip) this.i++
          while (s[this.i] === ' ') this.i++
          const w = this.word()
          this.heredocs.push({ delim: w.replace(/["']/g, ''), strip })
          this.pending.push({ op: '<<', start, end: this.i }, { word: w, start, end: this.i })
          return
        }
        if (op === '\n' && this.heredocs.length) this.skipHeredocs()
        this.pending.push({ op, start, end: this.i })
        return
      }
      const start = this.i
      const w = this.word()
      // `2>&1`, `3<>/dev/tcp/…`: a file descriptor number glued to a redirection.
      if (/^\d+$/.test(w) && (s[this.i] === '>' || s[this.i] === '<')) return
      // An unquoted `$CMD` is split into fields: `CMD="pg_isready -h db"; until $CMD` runs pg_isready
      // (an unknown value, ⟨…⟩, stays one word).
      if (/^\$(?:[A-Za-z_]\w*|\{[A-Za-z_]\w*\})$/.test(s.slice(start, this.i)) && /\s/.test(w.trim()) && !w.includes('⟨')) {
        for (const field of w.trim().split(/\s+/)) this.pending.push({ word: field, start, end: this.i })
        return
      }
      this.regexNext = w === '=~' && s.slice(start, this.i) === '=~'
      this.pending.push({ word: w, start, end: this.i })
    }
  }

  /**
   * The right side of `[[ x =~ re ]]`: in a regex, bash reads `(`, `)` and `|` as part of the word
   * (up to a blank outside parentheses), so `-([0-9]+)$` is a pattern, never a subshell.
   */
  private regex(): Tok {
    const s = this.s
    const start = this.i
    let depth = 0
    while (this.i < s.length) {
      const c = s[this.i]!
      if (depth === 0 && ' \t\r\n'.includes(c)) break
      if (c === '\\') this.i++
      else if (c === '(') depth++
      else if (c === ')') depth--
      this.i++
    }
    return { word: s.slice(start, this.i), start, end: this.i }
  }

  private word(): string {
    const s = this.s
    let out = ''
    while (this.i < s.length) {
      const c = s[this.i]!
      // `name=( a b c )`: an array assignment, kept as its items joined by spaces.
      if (c === '(' && /^[A-Za-z_]\w*\+?=$/.test(out)) {
        const end = this.matching(this.i, '(', ')')
        const inner = new Reader(s.slice(this.i + 1, end), this.vars, this.lookup, () => {})
        const items: string[] = []
        for (let t = inner.next(); t; t = inner.next()) if (t.word !== undefined) items.push(t.word)
        this.i = end + 1
        out += items.join(' ')
        continue
      }
      if (' \t\r\n;&|()<>'.includes(c)) break
      this.i++
      if (c === '\\') { out += s[this.i++] ?? ''; continue }
      if (c === "'") { const k = s.indexOf("'", this.i); out += s.slice(this.i, k < 0 ? s.length : k); this.i = k < 0 ? s.length : k + 1; continue }
      if (c === '"') { out += this.doubleQuoted(); continue }
      if (c === '`') { const k = s.indexOf('`', this.i); this.nested(s.slice(this.i, k < 0 ? s.length : k)); this.i = k < 0 ? s.length : k + 1; out += unknown('`…`'); continue }
      if (c === '$') { out += this.dollar(); continue }
      out += c
    }
    return out
  }

  private doubleQuoted(): string {
    const s = this.s
    let out = ''
    while (this.i < s.length && s[this.i] !== '"') {
      const c = s[this.i++]!
      if (c === '\\' && '$`"\\\n'.includes(s[this.i] ?? '')) { out += s[this.i++]; continue }
      if (c === '$') { out += this.dollar(); continue }
      if (c === '`') { const k = s.indexOf('`', this.i); this.nested(s.slice(this.i, k < 0 ? s.length : k)); this.i = k < 0 ? s.length : k + 1; out += unknown('`…`'); continue }
      out += c
    }
    this.i++
    return out
  }
}

interface Script {
  commands: SimpleCommand[]
  /** Names of functions the script defines: calling them is not an unknown program. */
  functions: Set<string>
}

/** Function bodies, shared by every script one container runs (an inline `retry_while "check"` calls them). */
export interface Functions {
  bodies: Map<string, string>
  /** Functions that run their first argument as a command (Bitnami's libos.sh `retry_while`): kept as calls, not expanded. */
  runner: (name: string) => boolean
}

/** A call of a function the scripts define, read as its body: runners stay commands (their argument is run). */
export const expandsCall = (functions: Functions, name: string): boolean => functions.bodies.has(name) && !functions.runner(name)
const MAX_DEPTH = 8

/**
 * The value of an `if` test whose words are all known: `[ A = B ]`, `[ A != B ]`, `[ -z A ]`, `[ -n A ]`
 * (and `test …`); undefined for anything else, so both branches are read.
 */
function decide(words: string[]): boolean | undefined {
  const w = words[0] === '[' && words.at(-1) === ']' ? words.slice(1, -1) : words[0] === 'test' ? words.slice(1) : undefined
  if (!w || w.some((x) => UNKNOWN_RE.test(x))) return undefined
  if (w.length === 3 && (w[1] === '=' || w[1] === '==')) return w[0] === w[2]
  if (w.length === 3 && w[1] === '!=') return w[0] !== w[2]
  if (w.length === 2 && w[0] === '-z') return w[1] === ''
  if (w.length === 2 && w[0] === '-n') return w[1] !== ''
  return undefined
}

/**
 * Reads a shell script into its simple commands, in the order they run. A function's body is
 * read when the function is called, with its arguments as $1, $2…; a function never called
 * runs nothing.
 */
export function parseShell(text: string, lookup: Lookup, functions: Functions, depth = 0, args?: string[]): Script {
  const script: Script = { commands: [], functions: new Set() }
  const vars = new Map<string, string>()
  // A function's arguments are all known (`$2` of a one-argument call is empty); a script's are not.
  const positional = (n: string) => (!args ? undefined : /^[1-9]$/.test(n) ? args[Number(n) - 1] ?? '' : n === '@' || n === '*' ? args.join(' ') : n === '#' ? String(args.length) : undefined)
  const scope: Lookup = (n) => vars.get(n) ?? positional(n) ?? (/^\d$/.test(n) ? undefined : lookup(n))
  const nested = (inner: string) => {
    if (depth > MAX_DEPTH) return
    const sub = parseShell(inner, scope, functions, depth + 1, args)
    script.commands.push(...sub.commands)
  }
  const reader = new Reader(text, vars, scope, nested)
  let cur: { words: string[]; redirects: Redirect[]; start: number; end: number } | undefined
  let casePatterns = false
  let caseDepth = 0
  /** The and-or list read so far (`a && b || …`), and the operator after its last command. */
  let chain: SimpleCommand[] = []
  let lastOp = ''
  /** Skips a `{ … }` function body and returns its text. */
  const body = (): string => {
    reader.capturing = true
    let open = reader.next()
    while (open && open.op === '\n') open = reader.next()
    let depthBraces = open?.word === '{' ? 1 : 0
    const from = open?.end ?? 0
    let to = from
    for (let t = depthBraces ? reader.next() : undefined; t; t = reader.next()) {
      if (t.word === '{') depthBraces++
      if (t.word === '}' && --depthBraces === 0) { to = t.start; break }
      to = t.end
    }
    reader.capturing = false
    return reader.text.slice(from, to)
  }
  const define = (name: string) => {
    functions.bodies.set(name, body())
    script.functions.add(name)
  }
  /** Open `if`s: the value of the test, when the words decide it, and which branch is being read. */
  const ifs: { test: boolean | undefined; branch: 'test' | 'then' | 'else' }[] = []
  const dead = () => ifs.some((f) => (f.branch === 'then' && f.test === false) || (f.branch === 'else' && f.test === true))
  const flush = () => {
    if (!cur) return
    const words = cur.words
    while (words.length && RESERVED.has(words[0]!)) {
      const w = words.shift()!
      if (w === 'if') ifs.push({ test: decide(words), branch: 'test' })
      const top = ifs.at(-1)
      if (!top) continue
      if (w === 'then') top.branch = 'then'
      else if (w === 'else') top.branch = 'else'
      else if (w === 'fi') ifs.pop()
      // `elif`: after a true test everything else is dead; after a false one the new test decides.
      else if (w === 'elif') Object.assign(top, top.test === true ? { branch: 'else' } : { test: top.test === false ? decide(words) : undefined, branch: 'test' })
    }
    if (dead()) { cur = undefined; return }
    if (words[0] === 'case') { caseDepth++; casePatterns = true; words.length = 0 }
    if (words[0] === 'esac') { caseDepth--; casePatterns = false; words.length = 0 }
    // `for x in a b c`: the body is read once, with x as the first item.
    if (words[0] === 'for' || words[0] === 'select') {
      if (words[2] === 'in' && words[1]) vars.set(words[1], words.slice(3).join(' ').split(' ')[0] ?? '')
      words.length = 0
    }
    while (words.length && /^[A-Za-z_]\w*\+?=/.test(words[0]!)) {
      const w = words.shift()!
      const eq = w.indexOf('=')
      vars.set(w.slice(0, eq).replace(/\+$/, ''), w.slice(eq + 1))
    }
    if (['export', 'local', 'declare', 'readonly', 'typeset'].includes(words[0] ?? '')) {
      for (const w of words.slice(1)) { const eq = w.indexOf('='); if (eq > 0 && !w.startsWith('-')) vars.set(w.slice(0, eq), w.slice(eq + 1)) }
      words.length = 0
    }
    if (words[0] !== undefined && expandsCall(functions, words[0])) {
      if (depth < MAX_DEPTH) script.commands.push(...parseShell(functions.bodies.get(words[0])!, lookup, functions, depth + 1, words.slice(1)).commands)
    } else if (words.length || cur.redirects.length) script.commands.push({ words, redirects: cur.redirects, text: text.slice(cur.start, cur.end).trim() })
    if (lastOp === '||' && SUCCEEDS(words)) for (const c of chain) c.failureIgnored = true
    cur = undefined
  }
  for (let t = reader.next(); t; t = reader.next()) {
    if (t.word !== undefined) {
      if (casePatterns && !cur && t.word !== 'esac') {
        // Skip a `pattern)` of a case statement.
        while (t && t.op !== ')') t = reader.next()
        casePatterns = false
        continue
      }
      // `function name {`
      if (cur?.words.length === 1 && cur.words[0] === 'function' && reader.peek()?.word === '{') {
        cur = undefined
        define(t.word)
        continue
      }
      if (!cur) cur = { words: [], redirects: [], start: t.start, end: t.end }
      cur.words.push(t.word)
      cur.end = t.end
      continue
    }
    const op = t.op!
    if (REDIRECT_OPS.has(op)) {
      const next = reader.next()
      if (!cur) cur = { words: [], redirects: [], start: t.start, end: t.end }
      cur.redirects.push({ op, target: next?.word ?? '' })
      cur.end = (next ?? t).end
      if (next?.op) { t = next; flush(); continue }
      continue
    }
    // `name() {` or `function name() {`: a function definition.
    if (op === '(' && cur && (cur.words.length === 1 || (cur.words.length === 2 && cur.words[0] === 'function')) && reader.peek()?.op === ')') {
      const name = cur.words.at(-1)!
      cur = undefined
      reader.next()
      define(name)
      continue
    }
    const from = script.commands.length
    const had = cur !== undefined
    flush()
    if (had) {
      chain = op === '||' || op === '&&' ? [...chain, ...script.commands.slice(from)] : []
      lastOp = op
    }
    if (op === ';;' && caseDepth > 0) casePatterns = true
  }
  flush()
  return script
}

