// Types for scripts/krew.mjs (imported by the TypeScript tests).
export interface FileOperation { from: string; to: string }
export interface LabelSelectorRequirement { key: string; operator: string; values?: string[] }
export interface LabelSelector { matchLabels?: Record<string, string> | null; matchExpressions?: LabelSelectorRequirement[] | null }
export interface Platform { uri: string; sha256: string; selector?: LabelSelector | null; files?: FileOperation[] | null; bin: string }
export interface Plugin {
  apiVersion: string
  kind: string
  metadata: { name: string }
  spec: { version: string; homepage?: string; shortDescription: string; description?: string; caveats?: string; platforms: Platform[] }
}
export interface OSArch { os: string; arch: string }
export declare const CURRENT_API_VERSION: string
export declare const PLUGIN_KIND: string
export declare const SEARCH_SHORT_DESCRIPTION_WIDTH: number
export declare const KREW_PLATFORMS: OSArch[]
export declare function isSafePluginName(name: string): boolean
export declare function parseVersion(s: string): { components: number[]; preRelease: string }
export declare function validatePlugin(name: string, p: Plugin): void
export declare function validatePlatform(p: Platform): void
export declare function validateFiles(fops: FileOperation[] | null | undefined): void
export declare function validateSelector(sel: LabelSelector | null | undefined): void
export declare function selectorMatches(sel: LabelSelector | null | undefined, env: OSArch): boolean
export declare function matchPlatform(platforms: Platform[], env: OSArch): Platform | undefined
export declare function validateManifest(fileName: string, p: Plugin): Record<string, number>
export declare function sha256(buf: Buffer | Uint8Array): string
export declare function extractArchive(buf: Buffer, targetDir: string): void
export declare function pluginBinName(name: string): string
export declare function install(o: { root: string; manifest: Plugin; archive: string; env: OSArch }): { platform: Platform; installDir: string; binLink: string; binTarget: string }
export declare function hasLicenseFile(dir: string): boolean
