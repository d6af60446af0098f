// The program catalog's shape (issue 13): what one program or image family does on the network,
// as data. A handful of effect templates with parameters cover most programs; a program whose
// behaviour no template expresses names a bespoke rule (`{ rule: 'kubectl' }`) implemented as a
// small function beside the templates. Every entry cites the source that proves its behaviour
// and carries examples that a test executes.

/** Where a template reads a value from, tried in this order: flags, env, positional, default. */
export interface ValueFrom {
  /** Flag names, each accepting `--f v`, `--f=v` (and `-fv` for one-letter flags). */
  flags?: string[]
  /** Container env var names. */
  env?: string[]
  /** Index among the positional arguments (after the subcommand words, when matched by `subcommands`). */
  positional?: number
  /** The program's own default when nothing is given, as its source defines it. */
  default?: string
}

// `what` (loopback, kube-api, connect): the program's step in the project's words; with
// `explains: true` the evidence line shows it (it says more than the command line: what is reached,
// where the destination comes from), otherwise it only names the step (classify/catalog/effect.ts).
export type EffectSpec =
  /** Only files, processes or the kernel: no socket is opened. */
  | { template: 'local' }
  /** Talks only to a process in the same pod (127.0.0.1, a Unix socket, the pod IP): never redirected (ref §2.5). */
  | { template: 'loopback'; what?: string; explains?: true }
  /** In-cluster Kubernetes API client: TCP to $KUBERNETES_SERVICE_HOST:443 (an IP, no DNS), unless `server` names one. */
  | { template: 'kube-api'; server?: ValueFrom; what?: string; explains?: true }
  /** DNS lookups only (SRV/A lookups, ping, UDP): only the lookup can be captured (ref §2.4). */
  | { template: 'dns'; host?: ValueFrom; what?: string }
  /**
   * Outbound TCP. The destination comes from `url` (a URL or a comma list of them), else `address`
   * (`host:port` or a comma list), else `host` + `port`. Nothing found: a connection to a destination the spec
   * does not name (still `required`: the program always connects).
   */
  | { template: 'connect'; url?: ValueFrom; address?: ValueFrom; host?: ValueFrom; port?: ValueFrom; what?: string; explains?: true }
  /**
   * Runs another command line: the words after skipping options (`valued` take a value) and `skip` positionals;
   * with `after: '--'`, the words after the first `--` (`chamber exec svc -- cmd`; none: local).
   */
  | { template: 'run'; valued?: string[]; skip?: number; after?: '--' }
  /** Runs the script file a value names (`peer-finder -on-start=/init/on-start.sh`): read when the input has it. */
  | { template: 'script'; from: ValueFrom; interpreter?: string }
  /** Genuinely undecided from the command line (depends on a config file or a runtime mode): `either` with this reason. */
  | { template: 'opaque'; why: string }
  /**
   * Dispatch on the leading positional words (`admin cert`, `migrate`): the longest matching key wins. The
   * `valued` flags also hold for the templates of the cases (their values are not positionals).
   */
  | { template: 'subcommands'; cases: Record<string, EffectSpec>; default: EffectSpec; valued?: string[] }
  /**
   * Dispatch on flags: the first case whose flag is present wins (`--listen` → loopback); a case may test
   * env vars instead or as well (`env`: one of them is set and not empty, as wal-g's `WALG_S3_PREFIX`).
   */
  | { template: 'flags'; cases: { has?: string[]; env?: string[]; then: EffectSpec }[]; default: EffectSpec }
  /** Dispatch on a value (`-c toolkit`, `COMPONENT=driver`): the case the value names, else the default. */
  | { template: 'value'; from: ValueFrom; cases: Record<string, EffectSpec>; default: EffectSpec }
  /** Several effects together (reads the API server and then downloads). */
  | { template: 'all'; of: EffectSpec[] }
  /** A bespoke rule implemented as a named function (see catalog/rules.ts). */
  | { rule: string; params?: Record<string, unknown> }

/** What an image runs when the spec gives no `command` (Docker semantics: ENTRYPOINT + (args || CMD)). */
export interface ImageSpec {
  /**
   * Repository with registry, `library/`, tag and digest removed (see `imageRepository`). With a `/`
   * it matches exactly (`bitnami/kubectl`); without one it matches that last path segment under any
   * registry or organisation (`kubectl` matches `registry.k8s.io/kubectl` and `bitnami/kubectl`).
   */
  repo: string
  /** Match a repository without `/` only as itself (official images: `debian`, not `acme/debian`). */
  exact?: boolean
  entrypoint?: string[]
  cmd?: string[]
  /**
   * The only catalog programs the image ships (distroless: none, or its runtime). A command starting
   * with any other catalog program cannot run, so it is no network need; unknown programs (the
   * application's own binaries) are assumed present.
   */
  only?: string[]
}

/** One example: a command line in a container, and what the analysis must conclude. */
export interface Example {
  /** The container's command (argv). A shell line goes in as `['sh', '-c', '…']`. */
  command?: string[]
  /** The container's args (with `image`, to exercise the image's entrypoint). */
  args?: string[]
  image?: string
  env?: Record<string, string>
  need: 'required' | 'none' | 'either'
  /** The first destination, as the network grid writes it: `host:port`, `dns:host`, `$KUBERNETES_SERVICE_HOST:443`. */
  dest?: string
}

export interface ProgramEntry {
  /** Program names as invoked (base names, first is the canonical one). */
  names: string[]
  /** Images whose default entrypoint or command is this program. */
  images?: ImageSpec[]
  effect: EffectSpec
  /** The program only works as root: running it as the proxy UID would break it (the fix planner reads this). */
  needsRoot?: boolean
  /**
   * `<program> version` alone asks a server (as `kubectl version` does): not local like the other
   * help and version calls (`--help`, `-h`, `--version`, `version`), which are local for every entry.
   */
  versionIsRemote?: boolean
  /**
   * A system utility's common name (`sync`, `install`, `file`): a program given by a path outside the
   * system bin directories is the application's own program of that name, not this one.
   */
  commonName?: boolean
  /**
   * The names are this image family's own programs, not the general ones (calico/cni's `install`, the
   * Barman Cloud plugin's `manager`): looked up only in a container running one of `images`, and there
   * before the catalog's other entries of the same name.
   */
  imageOnly?: boolean
  /**
   * A shell function of this name runs its first argument as a command (Bitnami's `retry_while`):
   * where a script defines it, a call is read through this entry instead of the function's body.
   */
  runner?: boolean
  /** One line: what the program does, in the project's words (goes to docs/programs.md). */
  summary: string
  /** Where its behaviour is proved: `owner/repo:path` (optionally `@ref` or `#Lnn`), or a manual page for system tools. */
  source: string
  examples: Example[]
}

/** Which family (entries/index.ts order) holds a name, an image key, an image's own programs (generated: entries/keys.ts). */
export interface CatalogKeys { names: Record<string, number>; images: Record<string, number>; scoped: Record<string, number[]> }
