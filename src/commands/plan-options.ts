// Flags shared by explain and fix: what the cluster is known to support, and a forced strategy.
import type { Argv } from 'yargs'
import { STRATEGIES, type PlanSettings, type Strategy } from '../fix/plan.js'

export interface PlanArgs {
  strategy?: Strategy
  'istio-version'?: string
  'kubernetes-version'?: string
}

export function planOptions<T>(y: Argv<T>) {
  return y
    .option('strategy', { choices: STRATEGIES, describe: 'Force one fix strategy (refused, with the reason, where it cannot work)' })
    .option('istio-version', { type: 'string', describe: 'Istio version of the mesh (native sidecars need 1.24+)' })
    .option('kubernetes-version', { type: 'string', describe: 'Kubernetes version of the cluster (native sidecars need 1.29+)' })
    .group(['strategy', 'istio-version', 'kubernetes-version'], 'Fix:')
}

export const planSettings = (a: PlanArgs): PlanSettings => ({
  ...(a.strategy ? { strategy: a.strategy } : {}),
  ...(a['istio-version'] ? { istioVersion: a['istio-version'] } : {}),
  ...(a['kubernetes-version'] ? { kubernetesVersion: a['kubernetes-version'] } : {}),
})
