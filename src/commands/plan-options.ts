// Flags shared by explain and fix: what the cluster is known to support, and a forced strategy.
import type { Argv } from 'yargs'
import { STRATEGIES, type PlanSettings, type Strategy } from '../fix/plan.js'
import type { Input } from '../model/input.js'
import { istiodRevisions } from '../classify/cluster/cluster.js'

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

/**
 * What the cluster runs, when the input is a cluster read: Istio from istiod's image tag, Kubernetes
 * from the oldest kubelet (native sidecars need every node to support them, ref §1.5, §5.2).
 */
function clusterVersions(input: Input): { istioVersion?: string; kubernetesVersion?: string } {
  const objects = input.objects.map((s) => s.object)
  // The first istiod as the cluster section finds it (label app=istiod, or its name): its image tag.
  const tag = [...istiodRevisions(input.objects).values()][0]?.version ?? ''
  const istio = /^\d+\.\d+[\w.-]*$/.test(tag) ? tag : undefined
  const kubelets = objects.filter((o) => o.kind === 'Node').map((o) => /(\d+)\.(\d+)/.exec(String(o.status?.nodeInfo?.kubeletVersion ?? ''))).filter((m): m is RegExpExecArray => m !== null)
  const oldest = kubelets.sort((x, y) => Number(x[1]) - Number(y[1]) || Number(x[2]) - Number(y[2]))[0]
  return { ...(istio ? { istioVersion: istio } : {}), ...(oldest ? { kubernetesVersion: `${oldest[1]}.${oldest[2]}` } : {}) }
}

/** Flags first; on a cluster, the versions it reports fill what the flags leave out. */
export const planSettings = (a: PlanArgs, input?: Input): PlanSettings => {
  const found = input && 'live' in input ? clusterVersions(input) : {}
  const istioVersion = a['istio-version'] ?? found.istioVersion
  const kubernetesVersion = a['kubernetes-version'] ?? found.kubernetesVersion
  return { ...(a.strategy ? { strategy: a.strategy } : {}), ...(istioVersion ? { istioVersion } : {}), ...(kubernetesVersion ? { kubernetesVersion } : {}) }
}
