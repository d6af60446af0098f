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
