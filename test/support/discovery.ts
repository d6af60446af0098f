// Discovery documents: /version, /api, /apis, /apis/<group>, /api/v1 and /apis/<group>/<version>.
// Only the legacy (unaggregated) forms: a client asking for APIGroupDiscoveryList gets
// Content-Type application/json and falls back, as it does against an older server.
import { apiGroup, apiGroupList, apiGroups, apiResourceList, resourcesIn } from './resources.js'

export interface VersionInfo {
  major: string
  minor: string
  gitVersion: string
}

export const DEFAULT_VERSION: VersionInfo = { major: '1', minor: '32', gitVersion: 'v1.32.2' }

function versionDocument(v: VersionInfo): object {
  return {
    ...v,
    gitCommit: '67a30c0adcf52bd3f56ff0893ce19966be12991f',
    gitTreeState: 'clean',
    buildDate: '2025-02-12T21:19:47Z',
    goVersion: 'go1.23.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  }
}

/** The discovery document at `pathname`, or undefined when the path is not a discovery path. */
export function discoveryDocument(pathname: string, version: VersionInfo, serverAddress: string): object | undefined {
  const path = pathname.replace(/\/+$/, '')
  if (path === '/version') return versionDocument(version)
  if (path === '/api') {
    return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] }
  }
  if (path === '/apis') return apiGroupList()
  if (path === '/api/v1') return apiResourceList('', 'v1')
  const group = /^\/apis\/([^/]+)$/.exec(path)
  if (group && apiGroups().includes(group[1])) return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group[1]) }
  const gv = /^\/apis\/([^/]+)\/([^/]+)$/.exec(path)
  if (gv && resourcesIn(gv[1], gv[2]).length > 0) return apiResourceList(gv[1], gv[2])
  return undefined
}
