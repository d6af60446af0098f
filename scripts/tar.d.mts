// Types for scripts/tar.mjs (imported by the TypeScript tests).
export interface TarEntryIn { name: string; data?: Buffer; mode?: number; dir?: boolean }
export interface TarEntry { name: string; type: 'file' | 'dir' | 'other'; mode: number; data: Buffer }
export declare function createTarGz(entries: TarEntryIn[], options?: { mtime?: number }): Buffer
export declare function readTarGz(buf: Buffer): TarEntry[]
