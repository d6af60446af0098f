import type { KObject } from './k8s.js'

/**
 * Where an object came from: `file:line` (the 1-based line its document starts at; a List's item
 * adds `/items/i`) for manifests, `cluster` for live reads.
 */
export interface Sourced {
  object: KObject
  source: string
  /** 1-based line of the document's first line in its file, when known (SARIF, explain). */
  line?: number
}

/** Reports how far a long offline step is; the text is built only when it is shown (issue #14). */
export type Progress = (text: () => string) => void

/** A problem with the input that did not stop the rest from being checked. */
export interface InputError {
  source: string
  message: string
}

/** Mesh settings given on the command line; they override anything read from the input (ref §4). */
export interface MeshFlags {
  proxyUid?: number
  proxyGid?: number
  dnsCapture?: boolean
  nativeSidecars?: boolean
  /** `check --platform`: the platform the CNI install is checked against (Istio's platform names), instead of the detected one. */
  platform?: string
}

/** The one input shape every command builds, offline (files) or live (cluster). */
export interface Input {
  objects: Sourced[]
  errors: InputError[]
  flags: MeshFlags
}

/** Source of the objects read only to find Istio (outside the requested scope): never rows. */
export const ISTIO_SOURCE = 'cluster:istio'
/** Source of everything else read from a cluster. */
export const CLUSTER_SOURCE = 'cluster'

/** What the reader knows beyond the objects: the scope asked for and what it could not read. */
export interface LiveMeta {
  context: string
  scope: { allNamespaces: boolean; namespace?: string; selector?: string }
  /** `--istio-namespace`, when given. */
  istioNamespace?: string
  skippedNamespaces: string[]
  warnings: string[]
  /** Some workloads may be missing: a namespace or kind could not be read, a list was cut short. */
  incomplete?: boolean
  /** Whether Node objects could be listed (the agent's coverage needs them). */
  nodesRead: boolean
  /** The API server's gitVersion, when /version could be read (GKE's ends in -gke...). */
  serverVersion?: string
  /** Kinds the preflight needs that could not be listed (forbidden or failing): their rules stay silent. */
  unread?: string[]
}

/** The input of a live check: the one input shape, plus what the reader knows about the read. */
export type LiveInput = Input & { live: LiveMeta }

export const isLiveInput = (input: Input): input is LiveInput => 'live' in input && (input as LiveInput).live !== undefined
