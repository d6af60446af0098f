// Small shapes every family writes: effects and helpers with no knowledge of their own.
import type { EffectSpec } from '../types.js'

/** Only files, processes or the kernel: no socket is opened. */
export const LOCAL: EffectSpec = { template: 'local' }

/** The same effect for each of several subcommand words. */
export const each = (words: string[], spec: EffectSpec): Record<string, EffectSpec> => Object.fromEntries(words.map((w) => [w, spec]))
