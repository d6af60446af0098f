// What a program does on the network, as the analysis walks it (ref §8 step 6), and the small
// constructors every catalog template and rule builds its effects with.
import { type Destination, destination, findUrls, isIP, isLoopback, portOf } from '../syntax/destinations.js'
import { unknown } from '../syntax/shell.js'

// `explains` (connect, loopback): `what` says more than the command line shows (where the
// destination comes from, what it is, that nothing names it), so the evidence line carries it;
// without it `what` only names the step. A `likely` effect always shows its `what`.
export type Effect =
  /** A TCP connection (DNS first when the host is a name); `likely`: inferred for a program the core does not know. */
  | { kind: 'connect'; dest: Destination; what: string; likely?: true; explains?: true }
  /** A DNS lookup only (nslookup, ping by name, UDP to a name). */
  | { kind: 'resolve'; dest: Destination; what: string; likely?: true }
  | { kind: 'loopback'; what: string; likely?: true; explains?: true }
  | { kind: 'local'; program: string; likely?: true }
  /**
   * Undecided from the spec. `nameOnly`: a program the catalog does not know, so nothing but its
   * name says what it does and the name hints (network/hints.ts) apply; a catalog program's own
   * `why` stands, no name guess overrides it.
   */
  | { kind: 'opaque'; program: string; why: string; nameOnly?: true }
  /** A well-known program the container's image does not ship (ImageSpec.only): the command fails there. */
  | { kind: 'absent'; program: string }
  /** Another command line to classify (wrappers such as `timeout`, `xargs`). */
  | { kind: 'run'; words: string[] }
  /** Shell text to read (`sh -c`, `eval`). */
  | { kind: 'shell'; text: string }
  /** A file to read: a script mounted from a ConfigMap, run by `interpreter` with `args`. */
  | { kind: 'file'; path: string; interpreter: string; optional?: boolean; args?: string[] }
  /** Program code given inline (`python -c`). */
  | { kind: 'code'; text: string; language: string }

export interface ToolContext {
  env: (name: string) => string | undefined
  /** What earlier commands of the same container set up, e.g. `mc alias set` (name → URL). */
  aliases: Map<string, string>
  /** The script sourced a library that is not in the input: unknown names are its functions. */
  libraries: boolean
  /** The container's image: its own programs (ProgramEntry.imageOnly) come before the catalog's. */
  image?: string
}

/** One program's behaviour: its arguments (without the program word) to effects. */
export type Rule = (args: string[], ctx: ToolContext, program: string) => Effect[]

/** A connection, or loopback when the destination never leaves the pod (ref §2.5); `explains`: see Effect. */
export function connect(dest: Destination, what: string, explains = false): Effect {
  const e: Effect = dest.host && isLoopback(dest.host) ? { kind: 'loopback', what } : { kind: 'connect', dest, what }
  return explains ? Object.assign({}, e, { explains: true }) : e
}

/** Talks only within the pod; `explains`: see Effect. */
export const loopback = (what: string, explains = false): Effect => (explains ? { kind: 'loopback', what, explains: true } : { kind: 'loopback', what })

/** A DNS lookup of `host` (none for an IP, loopback for a loopback name): UDP and ICMP are never redirected (ref §2.4). */
export function resolve(host: string | undefined, what: string): Effect[] {
  if (!host) return [{ kind: 'resolve', dest: destination(undefined, 53), what }]
  if (isLoopback(host)) return [{ kind: 'loopback', what }]
  return isIP(host) ? [] : [{ kind: 'resolve', dest: { host, resolves: true }, what }]
}

/** The same effect, inferred from evidence rather than known (issue 13 item 4). */
export const likely = (e: Effect): Effect => (e.kind === 'connect' || e.kind === 'resolve' || e.kind === 'loopback' || e.kind === 'local' ? Object.assign({}, e, { likely: true }) : e)

export const local = (program: string): Effect[] => [{ kind: 'local', program }]

export const opaque = (program: string, why: string): Effect[] => [{ kind: 'opaque', program, why }]

/** Every URL in `text` as a connection (`file://`, `pvc://` stay local); `explains`: see Effect. */
export const urlEffects = (text: string, what: string, explains = false): Effect[] =>
  findUrls(text).map((u) => (u.local ? { kind: 'local' as const, program: u.scheme } : connect(u.dest, `${what} ${u.text}`, explains)))

/**
 * In-pod clients reach the API server at $KUBERNETES_SERVICE_HOST:443, an IP: no DNS lookup (ref §7
 * kubectl row); that it is the API server is always worth saying. `explains` is for a named server.
 */
export function apiServer(server: string | undefined, program: string, what: string, explains = false): Effect[] {
  if (server) return urlEffects(server.includes('://') ? server : `https://${server}`, `${program} ${what} via`, explains)
  return [{ kind: 'connect', dest: { host: unknown('KUBERNETES_SERVICE_HOST'), port: 443, resolves: false }, what: `${program} ${what} talks to the Kubernetes API server`, explains: true }]
}

/** Env naming a database by URL, then by host and port, as migration tools and app frameworks read them. */
const DB_URL_ENV = ['DATABASE_URL', 'DB_URL', 'DB_DSN', 'DATABASE_DSN', 'FLYWAY_URL', 'LIQUIBASE_COMMAND_URL', 'LIQUIBASE_URL', 'SPRING_DATASOURCE_URL', 'QUARKUS_DATASOURCE_JDBC_URL', 'GOOSE_DBSTRING', 'POSTGRES_URL', 'MYSQL_URL', 'MONGO_URL', 'MONGODB_URI', 'REDIS_URL']
const DB_HOST_ENV: [string, string][] = [['DB_HOST', 'DB_PORT'], ['DATABASE_HOST', 'DATABASE_PORT'], ['POSTGRES_HOST', 'POSTGRES_PORT'], ['POSTGRESQL_HOST', 'POSTGRESQL_PORT'], ['PGHOST', 'PGPORT'], ['MYSQL_HOST', 'MYSQL_PORT'], ['MARIADB_HOST', 'MARIADB_PORT'], ['MONGO_HOST', 'MONGO_PORT'], ['REDIS_HOST', 'REDIS_PORT']]

/**
 * The database a migration or app task connects to: a URL in its args, else the usual env, else one
 * the spec does not name. The env it came from, or that none names it, is said in the evidence;
 * `explains` is for a URL in the args.
 */
export function databaseEffects(args: string[], ctx: ToolContext, what: string, explains = false): Effect[] {
  const fromArgs = args.flatMap((a) => urlEffects(a.replace(/^jdbc:/, ''), what, explains))
  if (fromArgs.length) return fromArgs
  for (const name of DB_URL_ENV) {
    const v = ctx.env(name)
    const urls = v ? urlEffects(v.replace(/^jdbc:/, ''), `${what} (env ${name})`, true) : []
    if (urls.length) return urls
  }
  for (const [h, p] of DB_HOST_ENV) {
    const host = ctx.env(h)
    if (host) return [connect(destination(host, portOf(ctx.env(p))), `${what} (env ${h}=${host})`, true)]
  }
  return [connect(destination(undefined, undefined), `${what} connects to a database the spec does not name`, true)]
}
