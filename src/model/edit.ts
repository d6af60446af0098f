// The one shape of a change to a pod template: planned by fix/, advised to a spec's owner by
// classify/owner/, offered by a vendor's own knobs (classify/mesh/vault.ts), applied by fix/apply.ts.

/** One change to a pod template: an annotation, or a field of an init container's securityContext. */
export type Edit =
  | { kind: 'annotation'; key: string; value: string }
  | { kind: 'runAsUser'; container: string; value: number }
