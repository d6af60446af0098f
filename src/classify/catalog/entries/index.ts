// Every catalog entry, by family. A family is one file; adding a program is one entry in one of them.
import type { ProgramEntry } from '../types.js'
import { OPERATORS } from './operators.js'
import { CLIS } from './clis.js'
import { PLATFORM } from './platform.js'

export const ENTRIES: readonly ProgramEntry[] = [...OPERATORS, ...CLIS, ...PLATFORM]
