// The one result shape: what `check -o json` prints (issue #3), and what every renderer reads.

export type Verdict = 'breaks' | 'ok' | 'not-meshed' | 'review'
export type NetworkNeed = 'required' | 'none' | 'either'
export type Severity = 'error' | 'warning' | 'info'

/** Exemption tokens, in the order they are preferred when several apply. */
export const EXEMPTIONS = [
  'not-meshed', 'ambient', 'native-sidecar', 'proxy-uid', 'proxy-gid',
  'outbound-capture-disabled', 'excluded-port', 'excluded-ip-range', 'dns-not-captured',
] as const
export type ExemptionToken = (typeof EXEMPTIONS)[number]

export interface InitContainerResult {
  name: string
  network: NetworkNeed
  /** `"<token>: <why>"` or null. */
  exempt: string | null
  evidence: string[]
}

export interface Finding {
  severity: Severity
  code: string
  message: string
  /** Init container the finding is about, when there is one. */
  container?: string
}

export interface WorkloadResult {
  kind: string
  namespace: string
  name: string
  source: string
  verdict: Verdict
  initContainers: InitContainerResult[]
  findings: Finding[]
}

export type Summary = Record<Verdict, number>

export interface CheckResult {
  workloads: WorkloadResult[]
  summary: Summary
}
